package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;

/**
 * What the reconciler should do next for one session; produced by {@link SessionPlanner}, carried out by the one
 * {@link Visitor} there is ({@code status.StepApplier}). A new step must implement {@link #accept}, which adds a method to
 * {@link Visitor}: the build then breaks in {@code StepApplier}, the one place that must say what the step does.
 */
public sealed interface Step {

  <R> R accept(Visitor<R> visitor);

  /**
   * Whether the step starts a session (or makes it wait for an approver): refused while the audit trail could not
   * record it. Every other step (adopting a container already there, failing, ending) goes ahead. A property of the
   * step, not an interpretation of it, so each step states it (no default: a new step must decide).
   */
  boolean startsSession();

  /** One method per step: Java 17 has no exhaustive switch over a sealed type, so the compiler checks this instead. */
  interface Visitor<R> {
    R nothing(Nothing step);

    R awaitTarget(AwaitTarget step);

    R fail(Fail step);

    R deny(Deny step);

    R awaitApproval(AwaitApproval step);

    R inject(Inject step);

    R adopt(Adopt step);

    R follow(Follow step);

    R sendSignal(SendSignal step);

    R awaitStop(AwaitStop step);

    R stopFailing(StopFailing step);

    R escalateEviction(EscalateEviction step);

    R evict(Evict step);

    R evictionGaveUp(EvictionGaveUp step);

    R finish(Finish step);
  }

  /** The session is final: nothing to do. */
  record Nothing() implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.nothing(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** Pending: the target is not ready yet; look again later. */
  record AwaitTarget(EndReason reason, String message, Duration recheckAfter) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.awaitTarget(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** The session cannot go on. */
  record Fail(EndReason reason, String message) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.fail(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** Policy, identity or an approver said no. */
  record Deny(EndReason reason, String message) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.deny(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** A policy requires approval and none has been given yet; it lapses at {@code deadline}. */
  record AwaitApproval(Instant deadline) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.awaitApproval(this);
    }

    @Override
    public boolean startsSession() {
      return true;
    }
  }

  /** Add the debug container (the injector first looks for one of that name). */
  record Inject(String podUid, String targetContainer, String containerName, Instant expiresAt) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.inject(this);
    }

    @Override
    public boolean startsSession() {
      return true;
    }
  }

  /**
   * The debug container is already in the pod (a lost response or a restart): take it over as it is, with the deadline
   * {@link AdoptedDeadline} gives it ({@code deadlineWarning} says why it is not the container's own, or is null).
   */
  record Adopt(String podUid, String targetContainer, String containerName, Instant expiresAt, ContainerView container,
      String deadlineWarning) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.adopt(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** Active and within its TTL: record the container's state and look again at {@code nextCheck}. */
  record Follow(ContainerView container, Instant nextCheck) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.follow(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** Signal the debug container's own processes (layer 2). */
  record SendSignal(StopCause cause, Signal signal, ContainerView container) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.sendSignal(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** A stop is under way: wait for the wrapper or for the grace period, then look again. */
  record AwaitStop(StopCause cause, String message, Instant recheckAt, ContainerView container) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.awaitStop(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /**
   * The kubelet still reports the debug container running after SIGKILL and the slack: record it loudly (condition,
   * Warning Event, metric, audit record). The session stays Active; KILL is retried and escalated from here on.
   */
  record StopFailing(StopCause cause, String message, ContainerView container) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.stopFailing(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /**
   * A stop is failing and policy says evict: ask the Eviction API to evict the pod. The session stays Active until the
   * kubelet reports the container terminated or the pod is gone.
   */
  record EscalateEviction(StopCause cause, String message, ContainerView container) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.escalateEviction(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /**
   * Evict the pod (the policy says StopAndEvict), then finish as {@code then} says: the only way to remove an
   * ephemeral container is to replace its pod.
   */
  record Evict(Finish then) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.evict(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** Evicting kept being refused until the eviction timeout: finish, and say so. */
  record EvictionGaveUp(Finish then) implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.evictionGaveUp(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }

  /** The session reaches its final phase. */
  record Finish(Phase phase, EndReason endReason, StopOutcome outcome, String message, ContainerView container)
      implements Step {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.finish(this);
    }

    @Override
    public boolean startsSession() {
      return false;
    }
  }
}
