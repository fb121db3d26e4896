package io.debugsession.operator.audit.sink;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk spool an {@link HttpAuditSink} drains: takes as many records as fit, and while it is full says so, loudly
 * and then once a minute, so that new sessions are denied ({@link AuditSinkStatus#DENIAL_REASON}) until it has room.
 */
public final class SpoolSink implements AuditSink {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolSink.class);
  private static final Duration FULL_REMINDER = Duration.ofMinutes(1);

  private final DiskSpool spool;
  private final Clock clock;
  private Instant fullSince;
  private Instant lastFullWarning;

  public SpoolSink(DiskSpool spool, Clock clock) {
    this.spool = spool;
    this.clock = clock;
  }

  @Override
  public String describe() {
    return "the audit spool in " + spool.directory();
  }

  @Override
  public long deliver(List<SpooledRecord> records, long takenThrough) {
    long through;
    try {
      through = spoolWhatFits(records, takenThrough);
    } catch (IOException | RuntimeException e) {
      LOG.error("Cannot write {} audit records to the spool in {}: {}; they stay in the audit outbox and are retried",
          records.size(), spool.directory(), e.getMessage());
      return takenThrough;
    }
    if (through < records.get(records.size() - 1).sequence()) {
      full(records.stream().filter(r -> r.sequence() > through).count());
    } else if (fullSince != null) {
      LOG.info("Audit spool has room again after being full since {}", fullSince);
      fullSince = null;
    }
    return through;
  }

  @Override
  public Optional<String> refusal() {
    return spool.isFull() ? Optional.of(AuditSinkStatus.of(spool.usage()).denialMessage()) : Optional.empty();
  }

  /**
   * All of {@code records} with one fsync if they fit; otherwise as many as fit, one fsync each, since a backlog may be
   * larger than the room a drained spool has. The sequence of the last one spooled.
   */
  private long spoolWhatFits(List<SpooledRecord> records, long takenThrough) throws IOException {
    try {
      spool.appendAll(records);
      return records.get(records.size() - 1).sequence();
    } catch (SpoolFullException e) {
      long through = takenThrough;
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

  private void full(long waiting) {
    Instant now = clock.instant();
    if (fullSince == null) {
      fullSince = now;
    }
    if (lastFullWarning == null || !now.isBefore(lastFullWarning.plus(FULL_REMINDER))) {
      lastFullWarning = now;
      LOG.error("{}. {} audit records wait in the audit outbox; they are kept, and new debug sessions are denied "
          + "with reason {} until the spool has room", AuditSinkStatus.of(spool.usage()).conditionMessage(),
          waiting, AuditSinkStatus.DENIAL_REASON);
    }
  }
}
