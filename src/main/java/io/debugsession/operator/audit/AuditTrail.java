package io.debugsession.operator.audit;

import io.debugsession.operator.audit.sink.AuditSinkStatus;
import io.debugsession.operator.audit.sink.DiskSpool;
import io.debugsession.operator.audit.sink.SpoolFullException;
import io.debugsession.operator.audit.sink.SpooledRecord;
import io.debugsession.operator.logging.LogText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's audit trail: chains records onto the head kept in a {@link ChainStore}, then hands them to the
 * sinks: JSON lines on the {@value #LOG_CATEGORY} log category, and the disk spool an HTTP sink drains when one is
 * configured.
 *
 * <p>Order, so that nothing is lost and nothing forks: (1) one compare-and-swap write puts the records in the chain
 * and in the stored outbox; (2) the records go to the log and the spool; (3) a second write drops them from the
 * outbox. A crash between (1) and (3) re-delivers the outbox at the next start: a record can reach a sink twice (the
 * HTTP receiver deduplicates by recordId, {@link ChainVerifier#skippingExactDuplicates()} skips repeated log lines),
 * never zero times. A record the spool cannot take (it is full) stays in the outbox and is retried.
 *
 * <p>Every record has a deterministic id ({@link AuditTransitions#recordId}); one whose record is among the chain's
 * last records, which the store keeps whole and linked to the head ({@link ChainState}), is not chained again, so a
 * pass that runs twice because its status patch was lost records its facts once. An id alone, which anyone can work
 * out, never makes the trail skip a record.
 */
public final class AuditTrail {

  /** The log category of the JSON-lines sink. */
  public static final String LOG_CATEGORY = "debugsession.audit";
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final int SAVE_ATTEMPTS = 5;
  private static final Duration FULL_REMINDER = Duration.ofMinutes(1);

  private final ChainStore store;
  private final Consumer<String> logSink;
  private final DiskSpool spool;
  private final Clock clock;
  private final AtomicLong recordsWritten = new AtomicLong();
  private final List<Consumer<AuditRecord>> chainedListeners = new CopyOnWriteArrayList<>();
  /** The state as last read or written; null until read, and after a failed write. Written under the lock only. */
  private volatile ChainStore.Stored current;
  /** The highest sequence this process has written to the log, and handed to every sink. */
  private long loggedThrough;
  private volatile long deliveredThrough;
  /** The highest head this process has read or written: a chain that vanishes after it is not started anew. */
  private long highestSeen;
  private Instant spoolFullSince;
  private String lastFlushProblem;
  private Instant lastFullWarning;

  /**
   * @param logSink receives each record as one line of JSON ({@link #jsonLinesLog()} in production)
   * @param spool the HTTP sink's spool, or null when there is no HTTP sink
   */
  public AuditTrail(ChainStore store, Consumer<String> logSink, DiskSpool spool, Clock clock) {
    this.store = store;
    this.logSink = logSink;
    this.spool = spool;
    this.clock = clock;
  }

  /** The JSON-lines sink: INFO on {@value #LOG_CATEGORY}, which application.properties prints as the bare line. */
  public static Consumer<String> jsonLinesLog() {
    Logger audit = LoggerFactory.getLogger(LOG_CATEGORY);
    return audit::info;
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
  public synchronized List<AuditRecord> record(List<AuditRecord> unchained) {
    if (unchained.isEmpty()) {
      return List.of();
    }
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

  /** Why a new session must not start, and whether that is because the spool is full. */
  public record Refusal(String message, boolean spoolFull) {}

  /**
   * Why a new session must not start now, if it must not: the trail cannot read its chain, or could not promise to
   * deliver the session's records. Reads the chain only when it is not known (at start, after a failed write).
   */
  public Optional<Refusal> refusal() {
    if (spoolFull()) {
      return Optional.of(new Refusal(AuditSinkStatus.of(spool.usage()).denialMessage(), true));
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

  public boolean spoolFull() {
    return spool != null && spool.isFull();
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
    for (SpooledRecord r : waiting) {
      if (r.sequence() > loggedThrough) {
        logSink.accept(r.json());
        loggedThrough = r.sequence();
      }
    }
    long through = spool == null ? waiting.get(waiting.size() - 1).sequence() : spooledThrough(waiting);
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

  /** Spools as many of {@code records} as fit, in order; the sequence of the last one spooled. */
  private long spooledThrough(List<SpooledRecord> records) {
    long through;
    try {
      through = spoolWhatFits(records);
    } catch (IOException | RuntimeException e) {
      LOG.error("Cannot write {} audit records to the spool in {}: {}; they stay in the outbox of {} and are retried",
          records.size(), spool.directory(), e.getMessage(), store.describe());
      return deliveredThrough;
    }
    if (through < records.get(records.size() - 1).sequence()) {
      spoolFull(records.stream().filter(r -> r.sequence() > through).count());
    } else if (spoolFullSince != null) {
      LOG.info("Audit spool has room again after being full since {}", spoolFullSince);
      spoolFullSince = null;
    }
    return through;
  }

  /**
   * All of {@code records} with one fsync if they fit; otherwise as many as fit, one fsync each, since a backlog may be
   * larger than the room a drained spool has. The sequence of the last one spooled.
   */
  private long spoolWhatFits(List<SpooledRecord> records) throws IOException {
    try {
      spool.appendAll(records);
      return records.get(records.size() - 1).sequence();
    } catch (SpoolFullException e) {
      long through = deliveredThrough;
      for (SpooledRecord r : records) {
        try {
          spool.append(r);
        } catch (SpoolFullException full) {
          return through;
        }
        through = r.sequence();
      }
      return through;
    }
  }

  private void spoolFull(long waiting) {
    Instant now = clock.instant();
    if (spoolFullSince == null) {
      spoolFullSince = now;
    }
    if (lastFullWarning == null || !now.isBefore(lastFullWarning.plus(FULL_REMINDER))) {
      lastFullWarning = now;
      LOG.error("{}. {} audit records wait in the outbox of {}; they are kept, and new debug sessions are denied "
          + "with reason {} until the spool has room", AuditSinkStatus.of(spool.usage()).conditionMessage(),
          waiting, store.describe(), AuditSinkStatus.DENIAL_REASON);
    }
  }
}
