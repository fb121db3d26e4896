package io.debugsession.operator.audit.sink;

import io.debugsession.operator.logging.LogText;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spool to the audit receiver: one background thread takes the oldest records, POSTs them as one batch
 * (see {@link SpoolLines} and docs/audit-sink.md for the body) and acknowledges them in the spool only after a 2xx.
 *
 * <p>Delivery is at least once, in spool order. A record is sent again when its acknowledgement was lost: the
 * receiver answered 2xx but the answer, or the spool's write of the acknowledgement, did not make it (a timeout, a
 * 5xx after storing, a restart mid-request). The receiver deduplicates on {@code recordId}, which turns this into
 * exactly once; a duplicate must be answered 2xx, never 409.
 *
 * <p>Failures: no answer, 408, 429 and 5xx are retried with exponential backoff and jitter ({@link Backoff}), or after
 * the receiver's {@code Retry-After}. Any other status means the receiver refuses the batch. The sink then halves the
 * batch until it has found the record refused, delivers those before it, and offers that record again every
 * {@link SinkSettings#rejectedRetryInterval()}, logging an error each time. It never drops it: an audit trail that
 * stops at a visible, named record is better than one with a silent hole, and the spool filling up behind it makes
 * the operator refuse new sessions rather than run them unaudited.
 */
public final class HttpAuditSink implements AutoCloseable {

  /** How the sink waits before a retry; tests watch it. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(HttpAuditSink.class);
  private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

  private final DiskSpool spool;
  private final SinkSettings settings;
  private final BatchPoster poster;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Thread thread;
  private volatile boolean running;
  private volatile Instant lastSuccessAt;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private volatile int consecutiveFailures;
  private volatile long deliveredRecords;
  private int batchLimit;

  public HttpAuditSink(DiskSpool spool, SinkSettings settings) {
    this(spool, settings, d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()));
  }

  HttpAuditSink(DiskSpool spool, SinkSettings settings, Sleeper sleeper) {
    this.spool = spool;
    this.settings = settings;
    this.poster = new BatchPoster(settings);
    this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
    this.sleeper = sleeper;
    this.batchLimit = settings.batchSize();
    this.thread = new Thread(this::run, "audit-sink");
    this.thread.setDaemon(true);
  }

  /** Starts the sending thread; once per sink. */
  public void start() {
    running = true;
    thread.start();
  }

  /**
   * Stops the thread and waits for it. A batch in flight is abandoned unacknowledged, so it is sent again by the next
   * sink on the same spool. Stop the sink before closing the spool.
   */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(settings.requestTimeout().plusSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("Audit sink thread did not stop in time; it stops after its current request");
    }
  }

  public AuditSinkStatus status() {
    return new AuditSinkStatus(spool.usage(), lastSuccessAt, lastError, lastErrorAt, consecutiveFailures,
        deliveredRecords);
  }

  private void run() {
    LOG.info("Audit sink started, delivering to {}", settings.url());
    while (running) {
      try {
        sendOnce();
      } catch (InterruptedException e) {
        // close() interrupts to stop; the loop condition decides
      } catch (IOException | RuntimeException e) {
        failed("audit spool " + spool.directory() + ": " + e.getMessage());
        pause(backoff.delay(consecutiveFailures, ThreadLocalRandom.current().nextDouble()));
      }
    }
    LOG.info("Audit sink stopped with {} records not yet delivered", spool.usage().pendingRecords());
  }

  private void sendOnce() throws IOException, InterruptedException {
    List<SpooledRecord> batch = spool.peek(batchLimit);
    if (batch.isEmpty()) {
      spool.awaitPending(IDLE_WAIT);
      return;
    }
    Delivery delivery = poster.post(batch);
    switch (delivery.outcome()) {
      case DELIVERED -> delivered(batch);
      case RETRY -> {
        failed(delivery.problem());
        sleeper.sleep(delivery.retryAfter() != null
            ? min(delivery.retryAfter(), settings.maxRetryAfter())
            : backoff.delay(consecutiveFailures, ThreadLocalRandom.current().nextDouble()));
      }
      case REJECTED -> rejected(batch, delivery.problem());
    }
  }

  private void delivered(List<SpooledRecord> batch) throws IOException {
    spool.acknowledge(batch);
    deliveredRecords += batch.size();
    lastSuccessAt = Instant.now();
    if (consecutiveFailures > 0) {
      LOG.info("Audit records are delivered again to {} after {} failed attempts", settings.url(),
          consecutiveFailures);
    }
    consecutiveFailures = 0;
    batchLimit = settings.batchSize();
  }

  /** Logs at WARN on the 1st, 2nd, 4th, 8th... failure in a row, so an outage of hours stays readable. */
  private void failed(String problem) {
    int failures = ++consecutiveFailures;
    lastError = problem;
    lastErrorAt = Instant.now();
    if (Integer.bitCount(failures) == 1) {
      LOG.warn("Audit records not delivered ({} failed attempts in a row, {} records waiting): {}", failures,
          spool.usage().pendingRecords(), LogText.quoted(problem));
    } else {
      LOG.debug("Audit records not delivered ({} failed attempts in a row): {}", failures, LogText.quoted(problem));
    }
  }

  private void rejected(List<SpooledRecord> batch, String problem) throws InterruptedException {
    consecutiveFailures++;
    lastError = problem;
    lastErrorAt = Instant.now();
    if (batch.size() > 1) {
      batchLimit = batch.size() / 2;
      LOG.error("The audit receiver refused a batch: {}; retrying in batches of {} to find the refused record",
          LogText.quoted(problem), batchLimit);
      return;
    }
    LOG.error("The audit receiver refuses record {}: {}. It is kept, not dropped, and offered again every {}; the "
        + "records after it wait, and new sessions are denied once the spool is full. Fix the receiver or the "
        + "sink's configuration to let the audit trail move on", batch.get(0).recordId(), LogText.quoted(problem),
        settings.rejectedRetryInterval());
    sleeper.sleep(settings.rejectedRetryInterval());
  }

  private void pause(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      // close() interrupts to stop; the loop condition decides
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
