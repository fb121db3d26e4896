package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;

/** What the reconciler should do next for one session; produced by {@link SessionPlanner}. */
public sealed interface Step {

  /** The session is final: nothing to do. */
  record Nothing() implements Step {}

  /** Pending: the target is not ready yet; look again later. */
  record AwaitTarget(String reason, String message, Duration recheckAfter) implements Step {}

  /** The session cannot go on. */
  record Fail(String reason, String message) implements Step {}

  /** Policy, identity or an approver said no. */
  record Deny(String reason, String message) implements Step {

    /** The reason when an approver's denial counted. */
    public static final String APPROVAL_DENIED = "ApprovalDenied";
  }

  /** A policy requires approval and none has been given yet; it lapses at {@code deadline}. */
  record AwaitApproval(Instant deadline) implements Step {}

  /** Add the debug container (the injector first looks for one of that name). */
  record Inject(String podUid, String targetContainer, String containerName, Instant expiresAt) implements Step {}

  /**
   * The debug container is already in the pod (a lost response or a restart): take it over as it is, with the deadline
   * {@link AdoptedDeadline} gives it ({@code deadlineWarning} says why it is not the container's own, or is null).
   */
  record Adopt(String podUid, String targetContainer, String containerName, Instant expiresAt, ContainerView container,
      String deadlineWarning) implements Step {}

  /** Active and within its TTL: record the container's state and look again at {@code nextCheck}. */
  record Follow(ContainerView container, Instant nextCheck) implements Step {}

  /** Signal the debug container's own processes (layer 2). */
  record Signal(StopCause cause, String signal, ContainerView container) implements Step {}

  /** A stop is under way: wait for the wrapper or for the grace period, then look again. */
  record AwaitStop(StopCause cause, String message, Instant recheckAt, ContainerView container) implements Step {}

  /**
   * The kubelet still reports the debug container running after SIGKILL and the slack: record it loudly (condition,
   * Warning Event, metric, audit record). The session stays Active; KILL is retried and escalated from here on.
   */
  record StopFailing(StopCause cause, String message, ContainerView container) implements Step {}

  /**
   * A stop is failing and policy says evict: ask the Eviction API to evict the pod. The session stays Active until the
   * kubelet reports the container terminated or the pod is gone.
   */
  record EscalateEviction(StopCause cause, String message, ContainerView container) implements Step {}

  /**
   * Evict the pod (the policy says StopAndEvict), then finish as {@code then} says: the only way to remove an
   * ephemeral container is to replace its pod.
   */
  record Evict(Finish then) implements Step {}

  /** Evicting kept being refused until the eviction timeout: finish, and say so. */
  record EvictionGaveUp(Finish then) implements Step {}

  /** The session reaches its final phase. */
  record Finish(Phase phase, String endReason, StopOutcome outcome, String message, ContainerView container)
      implements Step {}
}
