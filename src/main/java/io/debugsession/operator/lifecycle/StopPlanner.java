package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.EvictionStatus;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Stopping a running debug container: leave it to its own wrapper until expiresAt + grace + slack (at expiry only),
 * then SIGTERM, SIGKILL after the grace period.
 *
 * <p>Only the kubelet's report decides that the container stopped (the caller finishes once it says terminated); what
 * an exec printed or returned never does, because a root user inside the container controls the tools it runs. So a
 * container still running at KILL + slack is not an end but a failing stop: reported once ({@link Step.StopFailing}),
 * then SIGKILL again with a capped exponential backoff ({@link StopBackoff}) for as long as it runs, and the pod
 * evicted where policy says so ({@link OnStopFailure#EVICT}, or {@link OnExpiry#STOP_AND_EVICT} at expiry), every
 * eviction retry interval while the Eviction API refuses.
 */
final class StopPlanner {

  private final Timing timing;

  StopPlanner(Timing timing) {
    this.timing = timing;
  }

  Step plan(StopCause cause, DebugSessionStatus status, ContainerView container, Instant expiresAt, Instant now) {
    StopStatus stop = status.getStop();
    if (!container.isRunning()) {
      // Past the deadline a container that never ran never will: its wrapper refuses, whatever the cause.
      if (cause == StopCause.EXPIRED || !now.isBefore(expiresAt)) {
        return new Step.Finish(cause.finalPhase(), cause.reason(), StopOutcome.NotStarted,
            describe(cause) + ": the debug container never ran (" + stateOf(container)
                + "); its wrapper refuses to start after the deadline", container);
      }
      // Nothing to signal yet; if it starts before the deadline we stop it then, otherwise the wrapper refuses.
      return new Step.AwaitStop(cause, describe(cause) + ": waiting for the debug container (" + stateOf(container)
          + ") to start so that it can be stopped; it cannot start after " + expiresAt,
          SessionFacts.earliest(expiresAt, now.plus(timing.statusPollInterval())), container);
    }
    if (stop == null || stop.getTermSentAt() == null) {
      Instant operatorStopAt = expiresAt.plus(timing.operatorStopDelay());
      if (cause == StopCause.EXPIRED && now.isBefore(operatorStopAt)) {
        // The wrapper TERMs at expiresAt and KILLs a grace later: look just after each, besides the backoff.
        Instant wrapperKillSeen = expiresAt.plus(timing.stopGracePeriod()).plus(Timing.STOP_FIRST_LOOK);
        Instant next = stopping(operatorStopAt, expiresAt, now);
        return new Step.AwaitStop(cause, "TTL reached: waiting for the debug container's own deadline wrapper",
            now.isBefore(wrapperKillSeen) ? SessionFacts.earliest(next, wrapperKillSeen) : next, container);
      }
      return new Step.SendSignal(cause, Signal.TERM, container);
    }
    if (stop.getKillSentAt() == null) {
      Instant termSentAt = Instant.parse(stop.getTermSentAt());
      Instant killAt = termSentAt.plus(timing.stopGracePeriod());
      return now.isBefore(killAt)
          ? new Step.AwaitStop(cause, describe(cause) + ": SIGTERM sent, waiting up to "
              + Ttl.format(timing.stopGracePeriod()) + " before SIGKILL", stopping(killAt, termSentAt, now), container)
          : new Step.SendSignal(cause, Signal.KILL, container);
    }
    Instant lastKill = Instant.parse(stop.getKillSentAt());
    if (stop.getFailingSince() == null) {
      Instant failingAt = lastKill.plus(timing.deadlineSlack());
      if (now.isBefore(failingAt)) {
        return new Step.AwaitStop(cause, describe(cause) + ": SIGKILL sent, waiting for the kubelet to report the exit",
            stopping(failingAt, lastKill, now), container);
      }
      String why = stop.getLastError() == null ? "" : "; last error: " + stop.getLastError();
      return new Step.StopFailing(cause, describe(cause) + ": the kubelet still reports the debug container "
          + stateOf(container) + " " + Ttl.format(timing.deadlineSlack()) + " after SIGKILL" + why
          + "; retrying SIGKILL" + (evictsOnFailure(cause, status) ? " and evicting the pod" : ""), container);
    }
    return planFailing(cause, status, stop, lastKill, container, now);
  }

  private Step planFailing(StopCause cause, DebugSessionStatus status, StopStatus stop, Instant lastKill,
      ContainerView container, Instant now) {
    Instant evictAt = nextEviction(cause, status, now);
    if (evictAt != null && !now.isBefore(evictAt)) {
      return new Step.EscalateEviction(cause, describe(cause) + ": the debug container survived SIGKILL; evicting pod "
          + status.getPodName(), container);
    }
    int kills = stop.getKillAttempts() == null ? 1 : stop.getKillAttempts();
    Instant retryAt = lastKill.plus(timing.killRetryDelay(kills));
    if (!now.isBefore(retryAt)) {
      return new Step.SendSignal(cause, Signal.KILL, container);
    }
    Instant next = evictAt == null ? retryAt : SessionFacts.earliest(retryAt, evictAt);
    return new Step.AwaitStop(cause, describe(cause) + ": the kubelet still reports the debug container "
        + stateOf(container) + " after " + kills + " SIGKILL(s) since " + stop.getFailingSince() + "; next SIGKILL at "
        + retryAt, soonest(next, now), container);
  }

  /** When to (re)try evicting the pod of a failing stop; null when policy does not evict or it was evicted. */
  private Instant nextEviction(StopCause cause, DebugSessionStatus status, Instant now) {
    if (!evictsOnFailure(cause, status)) {
      return null;
    }
    EvictionStatus eviction = status.getEviction();
    if (eviction == null || eviction.getLastAttemptAt() == null) {
      return now;
    }
    if (eviction.getEvictedAt() != null) {
      return null;
    }
    return Instant.parse(eviction.getLastAttemptAt()).plus(timing.evictionRetryInterval());
  }

  static boolean evictsOnFailure(StopCause cause, DebugSessionStatus status) {
    return OnStopFailure.EVICT.value().equals(status.getOnStopFailure())
        || (cause == StopCause.EXPIRED && OnExpiry.STOP_AND_EVICT.value().equals(status.getOnExpiry()));
  }

  /**
   * {@code due}, or sooner while the step that began at {@code began} (the deadline, a signal) should have ended the
   * container: it is looked at again after {@link Timing#stopLookAfter}, so that its end is seen about when the kubelet
   * reports it.
   */
  private Instant stopping(Instant due, Instant began, Instant now) {
    Duration since = Duration.between(began, now);
    return SessionFacts.earliest(due, now.plus(timing.stopLookAfter(since.isNegative() ? Duration.ZERO : since)));
  }

  /** {@code due}, or the next status poll if that comes first: a container that ends early is noticed early. */
  private Instant soonest(Instant due, Instant now) {
    return SessionFacts.earliest(due, now.plus(timing.statusPollInterval()));
  }

  static String describe(StopCause cause) {
    return switch (cause) {
      case EXPIRED -> "TTL reached";
      case END_REQUESTED -> "End requested";
      case SESSION_DELETED -> "DebugSession deleted";
    };
  }

  private static String stateOf(ContainerView container) {
    return container.state().name() + (container.reason() == null ? "" : " " + container.reason());
  }
}
