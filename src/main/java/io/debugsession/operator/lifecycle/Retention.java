package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a finished DebugSession is deleted. The audit trail, not the object, is the lasting record, so finished
 * sessions need not pile up; they stay long enough for people to read them with kubectl.
 */
public final class Retention {

  private Retention() {}

  /**
   * The moment a session whose status is {@code status} is due for deletion; empty while it runs, when retention
   * is zero (keep forever), or when the status has no end time to count from.
   */
  public static Optional<Instant> deleteAt(DebugSessionStatus status, Duration retention) {
    if (retention.isZero() || retention.isNegative() || status == null || status.getPhase() == null
        || !status.getPhase().isTerminal() || status.getEndedAt() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(status.getEndedAt()).plus(retention));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
