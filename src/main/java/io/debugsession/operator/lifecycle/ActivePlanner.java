package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;

/**
 * While the debug container exists: follow it, and once the TTL, an end request or a deletion says so, see it
 * stopped (see {@link StopPlanner}), evict its pod where the policy says so, and finish.
 */
final class ActivePlanner {

  static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(2);

  private final Timing timing;
  private final StopPlanner stops;

  ActivePlanner(Timing timing) {
    this.timing = timing;
    this.stops = new StopPlanner(timing);
  }

  Step plan(DebugSession session, DebugSessionStatus status, Pod pod, Instant now) {
    if (pod == null) {
      return podGone(status, EndReason.TargetPodDeleted,
          "Pod \"" + status.getPodName() + "\" was deleted; its debug container went with it");
    }
    if (status.getPodUID() != null && !status.getPodUID().equals(pod.getMetadata().getUid())) {
      return podGone(status, EndReason.TargetPodReplaced,
          "Pod \"" + status.getPodName() + "\" was replaced (UID " + status.getPodUID() + " is gone, "
              + pod.getMetadata().getUid() + " is a new pod that this session never touches)");
    }
    ContainerView container = ContainerView.of(pod, status.getContainerName());
    Instant expiresAt = Instant.parse(status.getExpiresAt());
    StopCause cause = stopCause(session, status, now, expiresAt);
    if (container.isTerminated()) {
      return evictIfRequired(status, finishTerminated(cause, status, container, expiresAt), now);
    }
    if (cause == null) {
      Instant nextCheck = SessionFacts.earliest(expiresAt, now.plus(timing.statusPollInterval()));
      return new Step.Follow(container, nextCheck);
    }
    return evictIfRequired(status, stops.plan(cause, status, container, expiresAt, now), now);
  }

  /**
   * The pod is gone, and the debug container with it. A stop that was failing ends as its cause says (the pod's
   * eviction, or someone's deletion, is what stopped the container); otherwise the pod's loss ended the session.
   */
  private static Step podGone(DebugSessionStatus status, EndReason reason, String message) {
    StopStatus stop = status.getStop();
    StopCause failing = stop != null && stop.getFailingSince() != null ? StopCause.fromReason(stop.getCause()) : null;
    if (failing != null) {
      return new Step.Finish(failing.finalPhase(), failing.reason(), StopOutcome.PodGone,
          StopPlanner.describe(failing) + ": the debug container survived SIGKILL until its pod went away: "
              + message, ContainerView.UNKNOWN);
    }
    return new Step.Finish(Phase.Ended, reason, StopOutcome.PodGone, message, ContainerView.UNKNOWN);
  }

  /**
   * Under a StopAndEvict policy an expired session evicts its pod before it finishes (unless a failing stop already
   * evicted it), retrying while a PodDisruptionBudget blocks it, up to the eviction timeout.
   */
  private Step evictIfRequired(DebugSessionStatus status, Step step, Instant now) {
    var eviction = status.getEviction();
    if (!(step instanceof Step.Finish finish) || finish.phase() != Phase.Expired
        || !OnExpiry.STOP_AND_EVICT.value().equals(status.getOnExpiry())
        || (eviction != null && eviction.getEvictedAt() != null)) {
      return step;
    }
    if (eviction != null && eviction.getFirstAttemptAt() != null
        && !now.isBefore(Instant.parse(eviction.getFirstAttemptAt()).plus(timing.evictionTimeout()))) {
      return new Step.EvictionGaveUp(new Step.Finish(finish.phase(), finish.endReason(), finish.outcome(),
          finish.message() + "; the pod could not be evicted within " + Ttl.format(timing.evictionTimeout()) + ": "
              + eviction.getBlockedBy(), finish.container()));
    }
    return new Step.Evict(finish);
  }

  private Step finishTerminated(StopCause cause, DebugSessionStatus status, ContainerView container,
      Instant expiresAt) {
    StopStatus stop = status.getStop();
    // A node clock slightly ahead of ours must not turn the wrapper's stop into an early exit.
    boolean exitedBeforeDeadline = container.finishedAt() != null
        && container.finishedAt().isBefore(expiresAt.minus(CLOCK_SKEW_TOLERANCE));
    // Nor must seeing that stop just before our expiresAt: it is the wrapper's whenever we look.
    if (cause == null && container.finishedAt() != null && !exitedBeforeDeadline) {
      cause = StopCause.EXPIRED;
    }
    boolean operatorSignalled = stop != null && stop.getTermSentAt() != null;
    if (cause == null || (!operatorSignalled && (cause != StopCause.EXPIRED || exitedBeforeDeadline))) {
      return new Step.Finish(Phase.Ended, EndReason.DebugContainerExited, StopOutcome.ExitedOnItsOwn,
          "The debug container " + container.describeExit(), container);
    }
    boolean evicted = stop != null && stop.getFailingSince() != null && status.getEviction() != null
        && status.getEviction().getEvictedAt() != null;
    StopOutcome outcome = evicted ? StopOutcome.PodEvicted
        : operatorSignalled ? StopOutcome.OperatorSignal : StopOutcome.DeadlineWrapper;
    String by = evicted ? "the kubelet when its pod was evicted, after it survived SIGKILL"
        : operatorSignalled ? "the operator's signal" : "its own deadline wrapper";
    return new Step.Finish(cause.finalPhase(), cause.reason(), outcome,
        StopPlanner.describe(cause) + ": the debug container was stopped by " + by + " and " + container.describeExit(),
        container);
  }

  private static StopCause stopCause(DebugSession session, DebugSessionStatus status, Instant now, Instant expiresAt) {
    if (status.getStop() != null && status.getStop().getCause() != null) {
      StopCause recorded = StopCause.fromReason(status.getStop().getCause());
      if (recorded != null) {
        return recorded;
      }
    }
    if (SessionFacts.isDeleting(session)) {
      return StopCause.SESSION_DELETED;
    }
    if (session.getSpec().endRequested()) {
      return StopCause.END_REQUESTED;
    }
    return now.isBefore(expiresAt) ? null : StopCause.EXPIRED;
  }
}
