package io.debugsession.operator.audit;

import io.debugsession.operator.audit.sink.SpooledRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the operator keeps of the trail in the cluster (a ConfigMap's data): the chain's head, the ids of the last
 * records (so that a fact recorded once is not recorded again after a lost status patch), and the outbox: records
 * already in the chain but not yet handed to every sink. The head and the outbox change in one write, so a record is
 * either in the chain and in the outbox, or in neither; a crash after that write re-delivers the outbox, never loses it.
 *
 * @param head the last record's sequence and hash
 * @param recentIds the recordIds of the last {@link #RECENT_IDS} records, oldest first
 * @param outbox chained records not yet delivered, in sequence order, exactly as their JSON was written
 */
public record ChainState(ChainHead head, List<String> recentIds, List<SpooledRecord> outbox) {

  /** How many recordIds are kept to recognise a record written before (about 37 KiB). */
  public static final int RECENT_IDS = 1000;
  /** The outbox's limit, so that the ConfigMap stays well below the API server's 1 MiB. */
  public static final int OUTBOX_LIMIT_BYTES = 600 * 1024;

  static final String RECENT_IDS_KEY = "recentRecordIds";
  static final String OUTBOX_KEY = "outbox.jsonl";

  public ChainState {
    recentIds = List.copyOf(recentIds);
    outbox = List.copyOf(outbox);
  }

  public static ChainState genesis() {
    return new ChainState(ChainHead.genesis(), List.of(), List.of());
  }

  /** What an append gave: the new state and the records placed in the chain (none if all were recorded before). */
  public record Appended(ChainState state, List<AuditRecord> records) {}

  /**
   * Chains the records not recorded before, in order, after the head and into the outbox. Throws
   * {@link AuditUnavailableException} if the outbox would exceed {@link #OUTBOX_LIMIT_BYTES}: the sinks are that far
   * behind, and recording more would put the ConfigMap at risk.
   */
  public Appended append(List<AuditRecord> unchained) {
    Set<String> known = new LinkedHashSet<>(recentIds);
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
    List<String> ids = new ArrayList<>(known);
    List<String> kept = ids.subList(Math.max(0, ids.size() - RECENT_IDS), ids.size());
    return new Appended(new ChainState(next, kept, newOutbox), chained);
  }

  /** The outbox's size as stored: UTF-8 bytes, one line per record. */
  public static long outboxBytes(List<SpooledRecord> records) {
    return records.stream().mapToLong(r -> r.json().getBytes(StandardCharsets.UTF_8).length + 1L).sum();
  }

  /** This state without the outbox records up to and including {@code sequence}: the sinks have them. */
  public ChainState deliveredThrough(long sequence) {
    List<SpooledRecord> rest = outbox.stream().filter(r -> r.sequence() > sequence).toList();
    return rest.size() == outbox.size() ? this : new ChainState(head, recentIds, rest);
  }

  /** The state as a ConfigMap's data. */
  public Map<String, String> toData() {
    Map<String, String> data = new HashMap<>(head.toMap());
    data.put(RECENT_IDS_KEY, String.join("\n", recentIds));
    StringBuilder lines = new StringBuilder();
    outbox.forEach(r -> lines.append(r.json()).append('\n'));
    data.put(OUTBOX_KEY, lines.toString());
    return data;
  }

  /**
   * The state read back from a ConfigMap's data. A damaged state is an error, never the genesis: starting a new chain
   * would hide what was lost.
   */
  public static ChainState fromData(Map<String, String> data) {
    ChainHead head = ChainHead.fromMap(data);
    if (!data.containsKey(RECENT_IDS_KEY) || !data.containsKey(OUTBOX_KEY)) {
      // Written by every save, empty or not: a missing key means someone edited the ConfigMap.
      throw new IllegalArgumentException("chain state data must have the keys " + RECENT_IDS_KEY + " and "
          + OUTBOX_KEY);
    }
    String ids = data.get(RECENT_IDS_KEY);
    List<String> recent = ids.isEmpty() ? List.of() : List.of(ids.split("\n"));
    List<SpooledRecord> outbox = new ArrayList<>();
    String lines = data.get(OUTBOX_KEY);
    for (String line : lines.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      AuditRecord record = AuditJson.fromLine(line);
      if (record.sequence() == null || record.sequence() > head.sequence()) {
        throw new IllegalArgumentException("outbox record " + record.recordId() + " has sequence "
            + record.sequence() + ", not one up to the head's " + head.sequence());
      }
      outbox.add(new SpooledRecord(record.recordId(), record.sequence(), line));
    }
    return new ChainState(head, recent, outbox);
  }
}
