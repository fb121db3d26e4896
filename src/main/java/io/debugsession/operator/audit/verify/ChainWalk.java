package io.debugsession.operator.audit.verify;

import io.debugsession.operator.audit.verify.ChainProblem.Kind;
import io.debugsession.operator.audit.record.ChainEntry;
import io.debugsession.operator.audit.record.ChainHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One verification: walks the entries in log order from the start head and stops at the first problem. It knows
 * the whole log, so that a jump ahead can be told apart: a record missing for good is a GAP, one further down is a
 * REORDERED log, and a sequence that appears again is a DUPLICATE or, with other content, an INSERTED record.
 */
final class ChainWalk {

  private final List<ChainEntry> entries;
  private final String unit;
  private final ChainHead start;
  private final ChainHead end;
  private final boolean skipExactDuplicates;
  private final Map<Long, List<ChainEntry>> bySequence = new HashMap<>();
  private final Map<Long, ChainEntry> accepted = new HashMap<>();
  private ChainEntry previous;
  private ChainHead reached;
  private long skipped;

  ChainWalk(List<ChainEntry> entries, String unit, ChainHead start, ChainHead end, boolean skipExactDuplicates) {
    this.entries = entries;
    this.unit = unit;
    this.start = start;
    this.end = end;
    this.skipExactDuplicates = skipExactDuplicates;
    this.reached = start;
  }

  VerificationReport run() {
    entries.stream().filter(e -> !e.isMalformed())
        .forEach(e -> bySequence.computeIfAbsent(e.sequence(), s -> new ArrayList<>()).add(e));
    for (ChainEntry entry : entries) {
      if (skipExactDuplicates && isExactRepeat(entry)) {
        skipped++;
        continue;
      }
      ChainProblem problem = problemWith(entry);
      if (problem != null) {
        return report(problem);
      }
      accepted.put(entry.sequence(), entry);
      previous = entry;
      reached = new ChainHead(entry.sequence(), entry.hash());
    }
    if (end != null && reached.sequence() < end.sequence()) {
      return report(new ChainProblem(Kind.TRUNCATED, previous == null ? 0 : previous.position(), null, null,
          "The log stops after " + after() + ", before the chain head at sequence " + end.sequence() + ": "
              + missing(reached.sequence() + 1, end.sequence()).toLowerCase() + " at the end, or not shipped yet."));
    }
    return report(null);
  }

  private ChainProblem problemWith(ChainEntry e) {
    if (e.isMalformed()) {
      return problem(Kind.MALFORMED, e, capitalized(unit) + " " + e.position() + " is not an audit record: "
          + e.malformed() + ".");
    }
    if (!e.hash().equals(e.computedHash())) {
      return problem(Kind.ALTERED, e, capitalized(describe(e)) + " was altered: its content hashes to "
          + e.computedHash() + ", not to its recorded hash " + e.hash() + ".");
    }
    long expected = reached.sequence() + 1;
    if (e.sequence() < expected) {
      return goesBack(e);
    }
    if (e.sequence() > expected) {
      return jumpsAhead(e, expected);
    }
    if (!e.prevHash().equals(reached.hash())) {
      return problem(Kind.INSERTED, e, capitalized(describe(e)) + " does not link to " + after()
          + ": its prevHash is " + e.prevHash() + ", not " + reached.hash() + ".");
    }
    if (end != null && e.sequence() == end.sequence() && !e.hash().equals(end.hash())) {
      return problem(Kind.HEAD_MISMATCH, e, capitalized(describe(e)) + " has hash " + e.hash()
          + ", but the chain head at sequence " + end.sequence() + " has hash " + end.hash()
          + ": the log or the head was altered.");
    }
    if (end != null && e.sequence() > end.sequence()) {
      return problem(Kind.BEYOND_HEAD, e, capitalized(describe(e)) + " is beyond the chain head at sequence "
          + end.sequence() + ": the operator did not write it, or the head was read before the log.");
    }
    return null;
  }

  private ChainProblem goesBack(ChainEntry e) {
    ChainEntry earlier = accepted.get(e.sequence());
    if (earlier != null) {
      return twice(earlier, e, e);
    }
    return problem(Kind.REORDERED, e, capitalized(describe(e)) + " goes back in the chain: it comes after "
        + after() + ".");
  }

  private ChainProblem jumpsAhead(ChainEntry e, long expected) {
    ChainEntry again = laterWith(e.sequence(), e);
    if (again != null) {
      return twice(e, again, e);
    }
    ChainEntry missing = laterWith(expected, e);
    if (missing != null) {
      return problem(Kind.REORDERED, e, capitalized(describe(e)) + " comes before record " + expected + " ("
          + unit + " " + missing.position() + "): the log is out of order.");
    }
    return problem(Kind.GAP, e, missing(expected, e.sequence() - 1) + ": " + describe(e) + " comes right after "
        + after() + ".");
  }

  /** Two entries with one sequence, {@code first} before {@code second} in the log; reported at {@code at}. */
  private ChainProblem twice(ChainEntry first, ChainEntry second, ChainEntry at) {
    if (first.hash().equals(second.hash())) {
      return problem(Kind.DUPLICATE, at, "Record " + first.sequence() + " (recordId " + first.recordId()
          + ") appears twice, at " + unit + " " + first.position() + " and " + unit + " " + second.position() + ".");
    }
    return problem(Kind.INSERTED, at, "Sequence " + first.sequence() + " appears twice with different content, at "
        + unit + " " + first.position() + " (recordId " + first.recordId() + ") and " + unit + " "
        + second.position() + " (recordId " + second.recordId() + "): one of them was inserted, or the chain forked.");
  }

  private boolean isExactRepeat(ChainEntry e) {
    if (e.isMalformed() || !e.hash().equals(e.computedHash())) {
      return false;
    }
    ChainEntry earlier = accepted.get(e.sequence());
    if (earlier != null) {
      return earlier.hash().equals(e.hash());
    }
    ChainEntry again = e.sequence() > reached.sequence() + 1 ? laterWith(e.sequence(), e) : null;
    return again != null && again.hash().equals(e.hash());
  }

  /** The first entry with {@code sequence} further down the log than {@code after}. */
  private ChainEntry laterWith(long sequence, ChainEntry after) {
    return bySequence.getOrDefault(sequence, List.of()).stream()
        .filter(e -> e.position() > after.position())
        .findFirst()
        .orElse(null);
  }

  private String after() {
    if (previous != null) {
      return "record " + previous.sequence() + " (" + unit + " " + previous.position() + ")";
    }
    return start.sequence() == 0 ? "the start of the chain" : "the starting head at sequence " + start.sequence();
  }

  private String describe(ChainEntry e) {
    String id = e.recordId() == null ? "" : "recordId " + e.recordId() + ", ";
    return "record " + e.sequence() + " (" + id + unit + " " + e.position() + ")";
  }

  private static String missing(long from, long to) {
    return from == to ? "Sequence " + from + " is missing" : "Sequences " + from + " to " + to + " are missing";
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private ChainProblem problem(Kind kind, ChainEntry e, String message) {
    return new ChainProblem(kind, e.position(), e.sequence(), e.recordId(), message);
  }

  private VerificationReport report(ChainProblem problem) {
    return new VerificationReport(accepted.size(), reached, skipped, problem);
  }
}
