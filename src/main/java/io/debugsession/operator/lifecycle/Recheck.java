package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to look at a session again after a step, besides the events that wake the reconciler by themselves (spec
 * changes). Never later than the next status poll while something may change on the pod, and never later than a
 * deadline the session is waiting for.
 */
public final class Recheck {

  /** The shortest wait, so that a deadline already passed is looked at again at once but not in a busy loop. */
  static final Duration MINIMUM = Duration.ofMillis(100);

  private Recheck() {}

  /** After {@code step} turned the status into {@code next}; empty when the session is settled. */
  public static Optional<Duration> after(Step step, DebugSessionStatus next, Instant now, Timing timing) {
    Instant poll = now.plus(timing.statusPollInterval());
    if (step instanceof Step.AwaitTarget s) {
      return Optional.of(s.recheckAfter());
    }
    if (step instanceof Step.AwaitApproval s) {
      // An approval is a spec change and wakes us by itself; the poll notices the deadline and policy changes.
      return until(now, SessionFacts.earliest(s.deadline(), poll));
    }
    if (step instanceof Step.Inject || step instanceof Step.Adopt) {
      return next.getPhase() == Phase.Active
          ? until(now, SessionFacts.earliest(Instant.parse(next.getExpiresAt()), poll))
          : Optional.empty();
    }
    if (step instanceof Step.Follow s) {
      return until(now, s.nextCheck());
    }
    if (step instanceof Step.Signal s) {
      // After TERM the grace period runs before KILL; after KILL the slack before the stop is declared failed.
      Duration due = "TERM".equals(s.signal()) ? timing.stopGracePeriod() : timing.deadlineSlack();
      return until(now, SessionFacts.earliest(now.plus(due), poll));
    }
    if (step instanceof Step.StopFailing) {
      // Recorded: go on at once with the retry or the eviction the planner decides next.
      return Optional.of(MINIMUM);
    }
    if (step instanceof Step.EscalateEviction) {
      return until(now, poll);
    }
    if (step instanceof Step.AwaitStop s) {
      return until(now, s.recheckAt());
    }
    if (step instanceof Step.Evict) {
      // Still not final: the eviction was refused (a PodDisruptionBudget) and is tried again.
      return next.getPhase().isTerminal() ? Optional.empty() : Optional.of(timing.evictionRetryInterval());
    }
    return Optional.empty();
  }

  private static Optional<Duration> until(Instant now, Instant then) {
    Duration d = Duration.between(now, then);
    return Optional.of(d.compareTo(MINIMUM) < 0 ? MINIMUM : d);
  }
}
