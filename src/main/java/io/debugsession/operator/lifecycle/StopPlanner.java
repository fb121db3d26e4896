package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.StopStatus;
import java.time.Instant;

/**
 * Stopping a running debug container: leave it to its own wrapper until expiresAt + grace + slack (at expiry only),
 * then SIGTERM, SIGKILL after the grace period, and report it as not stoppable if it still runs after that.
 */
final class StopPlanner {

  private final Timing timing;

  StopPlanner(Timing timing) {
    this.timing = timing;
  }

  Step plan(StopCause cause, StopStatus stop, ContainerView container, Instant expiresAt, Instant now) {
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
        return new Step.AwaitStop(cause, "TTL reached: waiting for the debug container's own deadline wrapper",
            soonest(operatorStopAt, now), container);
      }
      return new Step.Signal(cause, "TERM", container);
    }
    if (stop.getKillSentAt() == null) {
      Instant killAt = Instant.parse(stop.getTermSentAt()).plus(timing.stopGracePeriod());
      return now.isBefore(killAt)
          ? new Step.AwaitStop(cause, describe(cause) + ": SIGTERM sent, waiting up to "
              + Ttl.format(timing.stopGracePeriod()) + " before SIGKILL", soonest(killAt, now), container)
          : new Step.Signal(cause, "KILL", container);
    }
    Instant giveUpAt = Instant.parse(stop.getKillSentAt()).plus(timing.deadlineSlack());
    if (now.isBefore(giveUpAt)) {
      return new Step.AwaitStop(cause, describe(cause) + ": SIGKILL sent, waiting for the kubelet to report the exit",
          soonest(giveUpAt, now), container);
    }
    String why = stop.getLastError() == null ? "" : "; last error: " + stop.getLastError();
    return new Step.Finish(cause.finalPhase(), cause.reason(), StopOutcome.StopFailed,
        describe(cause) + ": the debug container could not be stopped: still " + stateOf(container)
            + " after SIGTERM and SIGKILL" + why, container);
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
