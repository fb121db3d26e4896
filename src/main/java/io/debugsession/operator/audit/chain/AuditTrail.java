package io.debugsession.operator.audit.chain;

import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.AuditTransitions;
import io.debugsession.operator.audit.sink.AuditSink;
import io.debugsession.operator.audit.sink.SpooledRecord;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.logging.LogText;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's audit trail: chains records onto the head kept in a {@link ChainStore}, then hands them to the
 * {@link AuditSink}s through the {@link AuditOutbox}: JSON lines on the log, the disk spool an HTTP sink drains when
 * one is configured, Events on the debugged pod.
 *
 * <p>Order, so that nothing is lost and nothing forks: (1) one compare-and-swap write puts the records in the chain
 * and in the stored outbox; (2) the records go to every sink; (3) a second write drops them from the outbox. A crash
 * between (1) and (3) re-delivers the outbox at the next start: a record can reach a sink twice (the HTTP receiver
 * deduplicates by recordId, {@link ChainVerifier#skippingExactDuplicates()} skips repeated log lines), never zero
 * times. A record a sink cannot take (the spool is full) stays in the outbox and is retried.
 *
 * <p>The chain is one object, so its writes are one at a time; passes that record while a write is under way wait,
 * and the first of them to get the lock writes everything they brought in one append (group commit): under many
 * sessions at once, two writes per waiting group rather than two per pass.
 *
 * <p>Every record has a deterministic id ({@link AuditTransitions#recordId}); one whose record is among the chain's
 * last records, which the store keeps whole and linked to the head ({@link ChainState}), is not chained again, so a
 * pass that runs twice because its status patch was lost records its facts once. An id alone, which anyone can work
 * out, never makes the trail skip a record.
 */
public final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final int SAVE_ATTEMPTS = 5;
  /** Calls whose records one write takes at most: a pass brings a few records of about 1.5 KiB each. */
  private static final int MAX_GROUP = 32;

  private final ChainStore store;
  private final AuditOutbox outbox;
  private final AtomicLong recordsWritten = new AtomicLong();
  private final List<Consumer<AuditRecord>> chainedListeners = new CopyOnWriteArrayList<>();
  private final Queue<PendingRecords> pending = new ConcurrentLinkedQueue<>();
  /** The state as last read or written; null until read, and after a failed write. Written under the lock only. */
  private volatile ChainStore.Stored current;
  /** The highest sequence this process has handed to every sink. */
  private volatile long deliveredThrough;
  /** The highest head this process has read or written: a chain that vanishes after it is not started anew. */
  private long highestSeen;
  private String lastFlushProblem;

  /** @param sinks where records go, in this order; at least one */
  public AuditTrail(ChainStore store, List<AuditSink> sinks) {
    this.store = store;
    this.outbox = new AuditOutbox(sinks);
  }

  /**
   * Calls {@code listener} with each record this process chains, once, after it is in the chain (not with records
   * re-delivered from the outbox, nor with those another replica wrote): what the operator's own metrics count.
   */
  public void onChained(Consumer<AuditRecord> listener) {
    chainedListeners.add(listener);
  }

  /**
   * Chains the records not recorded before and delivers them. Returns the records chained, with their sequence and
   * hash. {@link AuditUnavailableException} if they could not be stored in the chain: nothing was recorded then, and
   * the caller must not go on as if it had been.
   */
  public List<AuditRecord> record(List<AuditRecord> unchained) {
    if (unchained.isEmpty()) {
      return List.of();
    }
    PendingRecords mine = new PendingRecords(unchained);
    pending.add(mine);
    synchronized (this) {
      while (!mine.done) {
        commit(drainPending());
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.chained;
  }

  /** The records of one {@link #record} call, and what became of them; written under the lock. */
  private static final class PendingRecords {
    final List<AuditRecord> records;
    List<AuditRecord> chained = List.of();
    RuntimeException failure;
    boolean done;

    PendingRecords(List<AuditRecord> records) {
      this.records = records;
    }
  }

  /** Up to {@value #MAX_GROUP} waiting calls, oldest first: a group's records must fit the stored outbox. */
  private List<PendingRecords> drainPending() {
    List<PendingRecords> group = new ArrayList<>();
    for (PendingRecords p = pending.poll(); p != null; p = group.size() < MAX_GROUP ? pending.poll() : null) {
      group.add(p);
    }
    return group;
  }

  /** Chains the records of a group in one append; each caller gets back its own records, or the group's failure. */
  private void commit(List<PendingRecords> group) {
    try {
      List<AuditRecord> chained = chainAndStore(group.stream().flatMap(p -> p.records.stream()).toList());
      for (PendingRecords p : group) {
        Set<String> ids = p.records.stream().map(AuditRecord::recordId).collect(Collectors.toSet());
        p.chained = chained.stream().filter(r -> ids.contains(r.recordId())).toList();
      }
    } catch (RuntimeException e) {
      group.forEach(p -> p.failure = e);
    } finally {
      group.forEach(p -> p.done = true);
    }
  }

  private List<AuditRecord> chainAndStore(List<AuditRecord> unchained) {
    for (int attempt = 1; ; attempt++) {
      ChainStore.Stored before = current();
      ChainState.Appended appended = before.state().deliveredThrough(deliveredThrough).append(unchained);
      if (appended.records().isEmpty()) {
        return List.of();
      }
      try {
        keep(store.save(before, appended.state()));
      } catch (ChainStore.ConflictException e) {
        // Another writer (a former leader still finishing a pass) extended the chain: chain after its records.
        current = null;
        if (attempt == SAVE_ATTEMPTS) {
          throw new AuditUnavailableException("the audit chain in " + store.describe() + " kept changing under us ("
              + SAVE_ATTEMPTS + " attempts)", e);
        }
        continue;
      } catch (RuntimeException e) {
        current = null;
        throw new AuditUnavailableException("cannot store the audit chain in " + store.describe() + ": "
            + e.getMessage(), e);
      }
      recordsWritten.addAndGet(appended.records().size());
      appended.records().forEach(r -> chainedListeners.forEach(l -> l.accept(r)));
      deliver();
      return appended.records();
    }
  }

  /**
   * Delivers what the stored outbox still holds: at start, and periodically, for records a full spool or a failed
   * write held back. A problem is logged once until it changes.
   */
  public synchronized void flush() {
    try {
      current();
    } catch (AuditUnavailableException e) {
      if (!e.getMessage().equals(lastFlushProblem)) {
        LOG.warn("Audit outbox not delivered: {}", LogText.singleLine(e.getMessage()));
        lastFlushProblem = e.getMessage();
      }
      return;
    }
    lastFlushProblem = null;
    deliver();
  }

  /** Why a new session must not start, and whether that is because a sink (the spool) is full. */
  public record Refusal(String message, boolean spoolFull) {}

  /**
   * Why a new session must not start now, if it must not: the trail cannot read its chain, or could not promise to
   * deliver the session's records. Reads the chain only when it is not known (at start, after a failed write).
   */
  public Optional<Refusal> refusal() {
    Optional<String> full = outbox.refusal();
    if (full.isPresent()) {
      return Optional.of(new Refusal(full.get(), true));
    }
    ChainStore.Stored known = current;
    if (known == null) {
      synchronized (this) {
        try {
          known = current();
        } catch (AuditUnavailableException e) {
          return Optional.of(new Refusal("The audit trail is unavailable: " + e.getMessage(), false));
        }
      }
    }
    List<SpooledRecord> waiting = undeliveredRecords(known);
    if (ChainState.outboxBytes(waiting) > ChainState.OUTBOX_LIMIT_BYTES / 2) {
      return Optional.of(new Refusal("The audit trail cannot record this session: " + waiting.size()
          + " records wait in the audit outbox for the audit sinks; try again when they have taken them", false));
    }
    return Optional.empty();
  }

  /** Records not yet handed to every sink (held in the stored outbox), as last known; without taking the lock. */
  public int undelivered() {
    ChainStore.Stored known = current;
    return known == null ? 0 : undeliveredRecords(known).size();
  }

  /** Records this process has placed in the chain. */
  public long recordsWritten() {
    return recordsWritten.get();
  }

  /** Whether a sink (the spool) is full, so that new sessions are denied. */
  public boolean spoolFull() {
    return outbox.refusal().isPresent();
  }

  /** The sinks, for the log line that says where records go. */
  public String describeSinks() {
    return outbox.describe();
  }

  private ChainStore.Stored current() {
    if (current == null) {
      ChainStore.Stored loaded;
      try {
        loaded = store.load();
      } catch (IllegalArgumentException e) {
        throw new AuditUnavailableException("the audit chain in " + store.describe() + " is damaged (" + e.getMessage()
            + "); restore it from a backup or the last record's sequence and hash: the operator does not start a "
            + "new chain over it", e);
      } catch (RuntimeException e) {
        throw new AuditUnavailableException("cannot read the audit chain in " + store.describe() + ": "
            + e.getMessage(), e);
      }
      if (loaded.version() == null) {
        if (highestSeen > 0) {
          // It existed a moment ago: a new chain now would hide every record before it.
          throw new AuditUnavailableException("the audit chain in " + store.describe() + " is gone, although this "
              + "operator extended it up to sequence " + highestSeen + "; restore it (sequence and hash are in the "
              + "last record of the log), or restart the operator to start a new chain on purpose");
        }
        LOG.warn("No audit chain in {}: a new chain starts at sequence 1. If there was one before, its records end "
            + "where its ConfigMap was deleted", store.describe());
      }
      keep(loaded);
    }
    return current;
  }

  private void keep(ChainStore.Stored stored) {
    current = stored;
    highestSeen = Math.max(highestSeen, stored.state().head().sequence());
  }

  private List<SpooledRecord> undeliveredRecords(ChainStore.Stored stored) {
    long through = deliveredThrough;
    return stored.state().outbox().stream().filter(r -> r.sequence() > through).toList();
  }

  private void deliver() {
    List<SpooledRecord> waiting = undeliveredRecords(current);
    if (waiting.isEmpty()) {
      if (!current.state().outbox().isEmpty()) {
        trimOutbox(); // delivered, but an earlier trim failed
      }
      return;
    }
    long through = outbox.deliver(waiting);
    if (through <= deliveredThrough) {
      return;
    }
    deliveredThrough = through;
    trimOutbox();
  }

  private void trimOutbox() {
    try {
      keep(store.save(current, current.state().deliveredThrough(deliveredThrough)));
    } catch (RuntimeException e) {
      // The records are delivered; the outbox keeps them until the next write, and a restart before that re-delivers.
      current = null;
      LOG.debug("Audit outbox not trimmed yet: {}", LogText.singleLine(e.getMessage()));
    }
  }
}
