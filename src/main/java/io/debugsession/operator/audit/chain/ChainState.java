package io.debugsession.operator.audit.chain;

import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.record.HashChain;
import io.debugsession.operator.audit.sink.SpooledRecord;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the operator keeps of the trail in the cluster (a ConfigMap's data): the chain's head, and the chain's last
 * records, whole and exactly as written: the outbox (records not yet handed to every sink) and, before it, the recent
 * records already delivered. The head and the outbox change in one write, so a record is either in the chain and in
 * the outbox, or in neither; a crash after that write re-delivers the outbox, never loses it.
 *
 * <p>The last records are what recognises a fact recorded before (after a lost status patch the same pass runs again
 * and derives the same records, with the same recordIds): a record is skipped only when a record with its id is among
 * them. They must hash-link to one another and end exactly at the head, or the state is damaged; so nobody can make
 * the operator skip a record by listing its (predictable) id: they would have to put a whole record with that id into
 * the chain, in front of the head, where the log and the receiver see it (docs/audit.md says who can).
 *
 * @param head the last record's sequence and hash
 * @param recent delivered records right before the outbox, oldest first, as their JSON lines
 * @param outbox chained records not yet delivered, in sequence order, exactly as their JSON was written
 */
public record ChainState(ChainHead head, List<SpooledRecord> recent, List<SpooledRecord> outbox) {

  /**
   * How much of the delivered records is kept to recognise a record written before (records are 0.5 to 2 KiB: some
   * hundreds of them), so that they and a full outbox fit the ConfigMap.
   */
  public static final int RECENT_LIMIT_BYTES = 192 * 1024;
  /** The outbox's limit, so that the ConfigMap stays well below the API server's 1 MiB. */
  public static final int OUTBOX_LIMIT_BYTES = 600 * 1024;

  static final String RECENT_KEY = "recent.jsonl";
  static final String OUTBOX_KEY = "outbox.jsonl";
  /**
   * Written by earlier versions: bare recordIds, which nothing ties to the chain. Read as nothing: an id listed there
   * is chained again rather than skipped.
   */
  static final String LEGACY_IDS_KEY = "recentRecordIds";

  public ChainState {
    recent = List.copyOf(recent);
    outbox = List.copyOf(outbox);
  }

  public static ChainState genesis() {
    return new ChainState(ChainHead.genesis(), List.of(), List.of());
  }

  /** What an append gave: the new state and the records placed in the chain (none if all were recorded before). */
  public record Appended(ChainState state, List<AuditRecord> records) {}

  /** The recordIds of the records this state holds whole: the only ones an append recognises as recorded. */
  public Set<String> recentIds() {
    Set<String> ids = new HashSet<>();
    Stream.concat(recent.stream(), outbox.stream()).forEach(r -> ids.add(r.recordId()));
    return ids;
  }

  /**
   * Chains the records not recorded before, in order, after the head and into the outbox. Throws
   * {@link AuditUnavailableException} if the outbox would exceed {@link #OUTBOX_LIMIT_BYTES}: the sinks are that far
   * behind, and recording more would put the ConfigMap at risk.
   */
  public Appended append(List<AuditRecord> unchained) {
    Set<String> known = recentIds();
    ChainHead next = head;
    List<AuditRecord> chained = new ArrayList<>();
    List<SpooledRecord> newOutbox = new ArrayList<>(outbox);
    for (AuditRecord record : unchained) {
      if (!known.add(record.recordId())) {
        continue;
      }
      HashChain.Appended appended = HashChain.append(record, next);
      next = appended.head();
      chained.add(appended.record());
      newOutbox.add(new SpooledRecord(record.recordId(), next.sequence(), AuditJson.toLine(appended.record())));
    }
    if (chained.isEmpty()) {
      return new Appended(this, List.of());
    }
    long bytes = outboxBytes(newOutbox);
    if (bytes > OUTBOX_LIMIT_BYTES) {
      throw new AuditUnavailableException("the audit outbox holds " + outbox.size() + " records (" + bytes
          + " bytes with these) that the audit sinks have not taken yet; its limit is " + OUTBOX_LIMIT_BYTES
          + " bytes");
    }
    return new Appended(new ChainState(next, recent, newOutbox), chained);
  }

  /** The size of records as stored: UTF-8 bytes, one line per record. */
  public static long outboxBytes(List<SpooledRecord> records) {
    return records.stream().mapToLong(r -> r.json().getBytes(StandardCharsets.UTF_8).length + 1L).sum();
  }

  /**
   * This state with the outbox records up to and including {@code sequence} moved to the recent ones (the sinks have
   * them), and the oldest recent records dropped beyond {@link #RECENT_LIMIT_BYTES}.
   */
  public ChainState deliveredThrough(long sequence) {
    List<SpooledRecord> rest = outbox.stream().filter(r -> r.sequence() > sequence).toList();
    if (rest.size() == outbox.size()) {
      return this;
    }
    List<SpooledRecord> kept = new ArrayList<>(recent);
    outbox.stream().filter(r -> r.sequence() <= sequence).forEach(kept::add);
    long bytes = outboxBytes(kept);
    while (bytes > RECENT_LIMIT_BYTES) {
      bytes -= outboxBytes(List.of(kept.remove(0)));
    }
    return new ChainState(head, kept, rest);
  }

  /** The state as a ConfigMap's data. */
  public Map<String, String> toData() {
    Map<String, String> data = new HashMap<>(head.toMap());
    data.put(RECENT_KEY, lines(recent));
    data.put(OUTBOX_KEY, lines(outbox));
    return data;
  }

  /**
   * The state read back from a ConfigMap's data. A damaged state is an error, never the genesis: starting a new chain
   * would hide what was lost. Damaged includes last records that are not an intact stretch of the chain ending at the
   * head: altered, out of order, not linked to one another, or short of or beyond the head.
   */
  public static ChainState fromData(Map<String, String> data) {
    ChainHead head = ChainHead.fromMap(data);
    boolean legacy = !data.containsKey(RECENT_KEY) && data.containsKey(LEGACY_IDS_KEY);
    if ((!data.containsKey(RECENT_KEY) && !legacy) || !data.containsKey(OUTBOX_KEY)) {
      // Written by every save, empty or not: a missing key means someone edited the ConfigMap.
      throw new IllegalArgumentException("chain state data must have the keys " + RECENT_KEY + " and " + OUTBOX_KEY);
    }
    List<SpooledRecord> recent = legacy ? List.of() : records(data.get(RECENT_KEY));
    List<SpooledRecord> outbox = records(data.get(OUTBOX_KEY));
    requireIntactTail(head, Stream.concat(recent.stream(), outbox.stream()).toList());
    return new ChainState(head, recent, outbox);
  }

  private static List<SpooledRecord> records(String lines) {
    List<SpooledRecord> records = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      AuditRecord record = AuditJson.fromLine(line);
      if (record.sequence() == null || record.prevHash() == null) {
        throw new IllegalArgumentException("stored record " + record.recordId() + " is not chained");
      }
      records.add(new SpooledRecord(record.recordId(), record.sequence(), line));
    }
    return records;
  }

  /** The stored records must be the chain's stretch right up to {@code head}, as the operator wrote them. */
  private static void requireIntactTail(ChainHead head, List<SpooledRecord> tail) {
    if (tail.isEmpty()) {
      return;
    }
    AuditRecord first = AuditJson.fromLine(tail.get(0).json());
    ChainHead before = new ChainHead(first.sequence() - 1, first.prevHash());
    if (before.sequence() >= head.sequence()) {
      throw new IllegalArgumentException("stored record " + first.recordId() + " has sequence " + first.sequence()
          + ", beyond the head's " + head.sequence());
    }
    VerificationReport report = ChainVerifier.startingAfter(before).endingAt(head)
        .verifyLines(tail.stream().map(SpooledRecord::json));
    if (!report.ok()) {
      throw new IllegalArgumentException("the stored records are not the chain's last records up to its head: "
          + report.summary());
    }
  }

  private static String lines(List<SpooledRecord> records) {
    StringBuilder lines = new StringBuilder();
    records.forEach(r -> lines.append(r.json()).append('\n'));
    return lines.toString();
  }
}
