package io.debugsession.operator.metrics;

import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one audit record tells the metrics. Derived from the audit trail because every fact about a session passes
 * through it exactly once (a record's id is deterministic, so a reconcile that runs twice chains it once): counting
 * there cannot count a fact twice or miss one the trail holds.
 */
public sealed interface SessionObservation {

  /** The debug container was added; how long after the DebugSession was created, when that is known. */
  record Injected(Optional<Duration> sinceCreation) implements SessionObservation {}

  /** The session was denied, for this reason (a fixed word such as {@code PolicyDenied}, never a user's text). */
  record Denied(String reason) implements SessionObservation {}

  /** The TTL ran out and the debugger was stopped this long after {@code expiresAt} (never negative). */
  record Expired(Duration lateness) implements SessionObservation {}

  /**
   * What {@code record} tells, if anything.
   *
   * @param createdAt when the session's object was created (its creationTimestamp), if known
   */
  static Optional<SessionObservation> of(AuditRecord record, Optional<Instant> createdAt) {
    if (record.event() == AuditEvent.INJECTED) {
      Optional<Instant> startedAt = instant(record.startedAt());
      return Optional.of(new Injected(createdAt.flatMap(c -> startedAt.map(s -> Duration.between(c, s)))
          .filter(d -> !d.isNegative())));
    }
    if (record.event() == AuditEvent.DENIED || record.event() == AuditEvent.APPROVAL_TIMED_OUT) {
      return Optional.of(new Denied(record.endReason() == null ? "Unknown" : record.endReason()));
    }
    if (record.event() == AuditEvent.EXPIRED) {
      Optional<Instant> expiresAt = instant(record.expiresAt());
      Optional<Instant> endedAt = instant(record.endedAt());
      if (expiresAt.isPresent() && endedAt.isPresent()) {
        Duration late = Duration.between(expiresAt.get(), endedAt.get());
        // The container's own wrapper stops it at expiresAt; the kubelet's report of it cannot come earlier.
        return Optional.of(new Expired(late.isNegative() ? Duration.ZERO : late));
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(String rfc3339) {
    return Optional.ofNullable(rfc3339).map(Instant::parse);
  }
}
