package io.debugsession.operator.audit.sink;

import io.debugsession.operator.lifecycle.EndReason;
import java.time.Instant;

/**
 * The audit sink's health in one value: the numbers for metrics, and the words for the log line and the
 * {@code AuditSpoolFull} condition of a session denied while the spool is full ({@link #conditionMessage()},
 * {@link #denialMessage()}).
 *
 * <p>While the spool is full an audit record cannot be stored, so the operator must not start what it would record:
 * new sessions are denied with reason {@value #DENIAL_REASON} and {@link #denialMessage()} until the sink has
 * delivered enough to free a segment. Sessions already running are not cut short: their records are chained and
 * logged at once, and wait in the chain's outbox until the spool has room (see AuditTrail).
 *
 * @param spool the spool's usage when the status was taken
 * @param lastSuccessAt when a batch was last acknowledged by the receiver; null if never since start
 * @param lastError the last delivery problem, kept after recovery for context; null if none since start
 * @param lastErrorAt when {@code lastError} happened
 * @param consecutiveFailures failed attempts since the last success; 0 when delivery works
 * @param deliveredRecords records acknowledged by the receiver since start
 */
public record AuditSinkStatus(SpoolUsage spool, Instant lastSuccessAt, String lastError, Instant lastErrorAt,
    int consecutiveFailures, long deliveredRecords) {

  /** The reason a session is denied while the spool is full. */
  public static final EndReason DENIAL_REASON = EndReason.AuditUnavailable;

  /** The status of a spool that has no sink (yet). */
  public static AuditSinkStatus of(SpoolUsage spool) {
    return new AuditSinkStatus(spool, null, null, null, 0, 0);
  }

  public boolean spoolFull() {
    return spool.full();
  }

  public String conditionMessage() {
    String usage = String.format("%d of %d bytes used, %d records not yet delivered", spool.usedBytes(),
        spool.capacityBytes(), spool.pendingRecords());
    if (!spoolFull()) {
      return "The audit spool has room (" + usage + ")";
    }
    return "The audit spool is full (" + usage + (lastError == null ? "" : "; last delivery error: " + lastError)
        + "): new debug sessions are denied with reason " + DENIAL_REASON
        + " until the audit receiver accepts records again";
  }

  /** For a session denied because the spool is full. */
  public String denialMessage() {
    return "The audit trail cannot record this session: the audit spool is full with " + spool.pendingRecords()
        + " records the audit receiver has not accepted yet; try again when it has";
  }
}
