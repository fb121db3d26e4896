package io.debugsession.operator.audit.verify;

import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainEntry;
import io.debugsession.operator.audit.record.ChainHead;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that a log of audit records is one intact stretch of the chain, and names the first problem if not.
 * <pre>
 * ChainVerifier.fromGenesis().verifyLines(Files.lines(log))                   // a whole log
 * ChainVerifier.startingAfter(knownHead).endingAt(clusterHead).verifyLines(…) // a slice, up to the cluster's head
 * </pre>
 * Without an end head, records removed from the end of a log, or forged and appended to it, cannot be noticed:
 * compare with the head the operator keeps in the cluster, read after the log (see docs/audit.md).
 */
public final class ChainVerifier {

  private final ChainHead start;
  private final ChainHead end;
  private final boolean skipExactDuplicates;

  private ChainVerifier(ChainHead start, ChainHead end, boolean skipExactDuplicates) {
    this.start = start;
    this.end = end;
    this.skipExactDuplicates = skipExactDuplicates;
  }

  /** Verifies a log that starts with the first record (sequence 1, prevHash the genesis hash). */
  public static ChainVerifier fromGenesis() {
    return new ChainVerifier(ChainHead.genesis(), null, false);
  }

  /** Verifies a log slice that starts right after {@code head}, a head the auditor already trusts. */
  public static ChainVerifier startingAfter(ChainHead head) {
    return new ChainVerifier(head, null, false);
  }

  /** The log must reach {@code head} (the record at its sequence has its hash) and go no further. */
  public ChainVerifier endingAt(ChainHead head) {
    if (head.sequence() < start.sequence()
        || (head.sequence() == start.sequence() && !head.hash().equals(start.hash()))) {
      throw new IllegalArgumentException("the end head (sequence " + head.sequence()
          + ") is not after the start head (sequence " + start.sequence() + ")");
    }
    return new ChainVerifier(start, head, skipExactDuplicates);
  }

  /**
   * Skips a record repeated verbatim (same sequence and hash) instead of reporting it: at-least-once delivery
   * (a sink retried after a lost answer) repeats records without harming the chain.
   */
  public ChainVerifier skippingExactDuplicates() {
    return new ChainVerifier(start, end, true);
  }

  /** Verifies records in the order given; problems are located by position (item 1, item 2, ...). */
  public VerificationReport verify(Iterable<AuditRecord> records) {
    List<ChainEntry> entries = new ArrayList<>();
    long position = 0;
    for (AuditRecord record : records) {
      entries.add(ChainEntry.fromRecord(++position, record));
    }
    return new ChainWalk(entries, "item", start, end, skipExactDuplicates).run();
  }

  /**
   * Verifies JSON lines (one record each, blank lines ignored); problems are located by line number. A line that is
   * not a record is reported as MALFORMED, never thrown. Read the lines as UTF-8.
   */
  public VerificationReport verifyLines(Stream<String> lines) {
    List<ChainEntry> entries = new ArrayList<>();
    long[] lineNumber = {0};
    lines.forEachOrdered(line -> {
      lineNumber[0]++;
      if (!line.isBlank()) {
        entries.add(ChainEntry.fromLine(lineNumber[0], line));
      }
    });
    return new ChainWalk(entries, "line", start, end, skipExactDuplicates).run();
  }
}
