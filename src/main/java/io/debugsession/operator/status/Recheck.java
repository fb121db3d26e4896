package io.debugsession.operator.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to look at a session again, as {@link StepApplier} works it out for each step, besides the events that wake the
 * reconciler by themselves (spec changes): never later than the next status poll while something may change on the
 * pod, and never later than a deadline the session is waiting for.
 */
final class Recheck {

  /** The shortest wait, so that a deadline already passed is looked at again at once but not in a busy loop. */
  static final Duration MINIMUM = Duration.ofMillis(100);

  private Recheck() {}

  /** The wait from {@code now} until {@code then}, at least {@link #MINIMUM}. */
  static Optional<Duration> at(Instant now, Instant then) {
    Duration d = Duration.between(now, then);
    return Optional.of(d.compareTo(MINIMUM) < 0 ? MINIMUM : d);
  }
}
