package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The session's state machine as one pure function: from the session, its pod as just read (null when absent) and
 * the time, to the next {@link Step}. Everything it needs to remember between calls is in the session's status.
 */
public final class SessionPlanner {

  static final Duration CLOCK_SKEW_TOLERANCE = Duration.ofSeconds(2);

  private final Timing timing;

  public SessionPlanner(Timing timing) {
    this.timing = timing;
  }

  /** Without policy or identity checks (the lifecycle alone). */
  public Step plan(DebugSession session, Pod pod, Instant now) {
    return plan(session, pod, now,
        SessionGate.unrestricted(Ttl.parseOrDefault(session.getSpec().getTtl(), timing.defaultTtl())));
  }

  public Step plan(DebugSession session, Pod pod, Instant now, SessionGate gate) {
    DebugSessionStatus status = session.getStatus();
    Phase phase = status == null || status.getPhase() == null ? Phase.Pending : status.getPhase();
    if (phase.isTerminal()) {
      return new Step.Nothing();
    }
    return phase == Phase.Active
        ? planActive(session, status, pod, now)
        : planPending(session, pod, now, gate);
  }

  private Step planPending(DebugSession session, Pod pod, Instant now, SessionGate gate) {
    String containerName = DebugContainerName.of(session.getMetadata().getName(), session.getMetadata().getUid());
    Optional<EphemeralContainer> existing = pod == null ? Optional.empty() : findEphemeral(pod, containerName);
    if (existing.isPresent()) {
      return adopt(session, pod, existing.get(), now, gate);
    }
    if (isDeleting(session) || session.getSpec().endRequested()) {
      StopCause cause = isDeleting(session) ? StopCause.SESSION_DELETED : StopCause.END_REQUESTED;
      return new Step.Finish(cause.finalPhase(), cause.reason(), StopOutcome.NeverInjected,
          "Ended before a debug container was added", ContainerView.UNKNOWN);
    }
    if (!gate.allowed()) {
      return new Step.Deny(gate.denialReason(), gate.denialMessage());
    }
    Instant waitingSince = createdAt(session, now);
    if (gate.approvalRequired()) {
      Optional<Step> approvalStep = approvalStep(session, gate, now);
      if (approvalStep.isPresent()) {
        return approvalStep.get();
      }
      waitingSince = now; // approved just now or earlier: the pod gets its full pending timeout from here
      if (session.getStatus() != null && session.getStatus().getApprovedAt() != null) {
        waitingSince = Instant.parse(session.getStatus().getApprovedAt());
      }
    }
    TargetCheck.Verdict verdict = TargetCheck.evaluate(pod, session.getSpec().getTarget(),
        session.getMetadata().getNamespace());
    if (verdict instanceof TargetCheck.Impossible impossible) {
      return new Step.Fail(impossible.reason(), impossible.message());
    }
    if (verdict instanceof TargetCheck.NotYet notYet) {
      Instant giveUpAt = waitingSince.plus(timing.pendingTimeout());
      if (!now.isBefore(giveUpAt)) {
        return new Step.Fail(notYet.reason(),
            notYet.message() + " after waiting " + human(timing.pendingTimeout()));
      }
      return new Step.AwaitTarget(notYet.reason(), "Waiting: " + notYet.message(),
          min(Duration.ofSeconds(5), Duration.between(now, giveUpAt)));
    }
    String target = ((TargetCheck.Ready) verdict).container();
    int ephemeralCount = pod.getSpec().getEphemeralContainers() == null ? 0
        : pod.getSpec().getEphemeralContainers().size();
    Optional<String> capDenial = gate.podCap().denial(pod.getMetadata().getName(), ephemeralCount);
    if (capDenial.isPresent()) {
      return new Step.Deny("EphemeralContainerLimit", capDenial.get());
    }
    Instant expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plus(gate.ttl());
    return new Step.Inject(pod.getMetadata().getUid(), target, containerName, expiresAt);
  }

  /** Empty when approved and the approval counts; else the step that waits for, or refuses on, the approval. */
  private Optional<Step> approvalStep(DebugSession session, SessionGate gate, Instant now) {
    ApprovalSpec approval = session.getSpec().getApproval();
    if (approval == null) {
      Instant deadline = approvalDeadline(session, gate, now);
      if (!now.isBefore(deadline)) {
        return Optional.of(new Step.Deny("ApprovalTimedOut",
            "approval timed out: nobody approved within " + human(gate.approvalTimeout())));
      }
      return Optional.of(new Step.AwaitApproval(deadline));
    }
    if (approval.getDecision() == ApprovalDecision.Denied) {
      return Optional.of(new Step.Deny("ApprovalDenied",
          "denied by " + approval.getApprover() + ": " + approval.getReason()));
    }
    if (gate.approvalRefusal() != null) {
      return Optional.of(new Step.Deny("ApprovalRefused",
          "the approval by " + approval.getApprover() + " does not count: " + gate.approvalRefusal()));
    }
    return Optional.empty();
  }

  private static Instant approvalDeadline(DebugSession session, SessionGate gate, Instant now) {
    DebugSessionStatus status = session.getStatus();
    if (status != null && status.getApprovalExpiresAt() != null) {
      return Instant.parse(status.getApprovalExpiresAt());
    }
    return createdAt(session, now).plus(gate.approvalTimeout());
  }

  private Step adopt(DebugSession session, Pod pod, EphemeralContainer container, Instant now, SessionGate gate) {
    Duration ttl = gate.ttl();
    Instant expiresAt = DebugContainerFactory.deadlineOf(container).orElse(now.plus(ttl));
    return new Step.Adopt(pod.getMetadata().getUid(), container.getTargetContainerName(), container.getName(),
        expiresAt, ContainerView.of(pod, container.getName()));
  }

  private Step planActive(DebugSession session, DebugSessionStatus status, Pod pod, Instant now) {
    if (pod == null) {
      return new Step.Finish(Phase.Ended, "TargetPodDeleted", StopOutcome.PodGone,
          "Pod \"" + status.getPodName() + "\" was deleted; its debug container went with it", ContainerView.UNKNOWN);
    }
    if (status.getPodUID() != null && !status.getPodUID().equals(pod.getMetadata().getUid())) {
      return new Step.Finish(Phase.Ended, "TargetPodReplaced", StopOutcome.PodGone,
          "Pod \"" + status.getPodName() + "\" was replaced (UID " + status.getPodUID() + " is gone, "
              + pod.getMetadata().getUid() + " is a new pod that this session never touches)",
          ContainerView.UNKNOWN);
    }
    ContainerView container = ContainerView.of(pod, status.getContainerName());
    Instant expiresAt = Instant.parse(status.getExpiresAt());
    StopCause cause = stopCause(session, status, now, expiresAt);
    if (container.isTerminated()) {
      return evictIfRequired(status, finishTerminated(cause, status.getStop(), container, expiresAt), now);
    }
    if (cause == null) {
      Instant nextCheck = min(expiresAt, now.plus(timing.statusPollInterval()));
      return new Step.Follow(container, nextCheck);
    }
    return evictIfRequired(status, planStop(cause, status.getStop(), container, expiresAt, now), now);
  }

  /**
   * Under a StopAndEvict policy an expired session evicts its pod before it finishes (also when the stop failed:
   * eviction is then the only remedy), retrying while a PodDisruptionBudget blocks it, up to the eviction timeout.
   */
  private Step evictIfRequired(DebugSessionStatus status, Step step, Instant now) {
    if (!(step instanceof Step.Finish finish) || finish.phase() != Phase.Expired
        || !"StopAndEvict".equals(status.getOnExpiry())) {
      return step;
    }
    var eviction = status.getEviction();
    if (eviction != null && eviction.getFirstAttemptAt() != null
        && !now.isBefore(Instant.parse(eviction.getFirstAttemptAt()).plus(timing.evictionTimeout()))) {
      return new Step.EvictionGaveUp(new Step.Finish(finish.phase(), finish.endReason(), finish.outcome(),
          finish.message() + "; the pod could not be evicted within " + human(timing.evictionTimeout()) + ": "
              + eviction.getBlockedBy(), finish.container()));
    }
    return new Step.Evict(finish);
  }

  private Step finishTerminated(StopCause cause, StopStatus stop, ContainerView container, Instant expiresAt) {
    // A node clock slightly ahead of ours must not turn the wrapper's stop into an early exit.
    boolean exitedBeforeDeadline = container.finishedAt() != null
        && container.finishedAt().isBefore(expiresAt.minus(CLOCK_SKEW_TOLERANCE));
    // Nor must seeing that stop just before our expiresAt: it is the wrapper's whenever we look.
    if (cause == null && container.finishedAt() != null && !exitedBeforeDeadline) {
      cause = StopCause.EXPIRED;
    }
    boolean operatorSignalled = stop != null && stop.getTermSentAt() != null;
    if (cause == null || (!operatorSignalled && (cause != StopCause.EXPIRED || exitedBeforeDeadline))) {
      return new Step.Finish(Phase.Ended, "DebugContainerExited", StopOutcome.ExitedOnItsOwn,
          "The debug container " + container.describeExit(), container);
    }
    StopOutcome outcome = operatorSignalled ? StopOutcome.OperatorSignal : StopOutcome.DeadlineWrapper;
    String by = operatorSignalled ? "the operator's signal" : "its own deadline wrapper";
    return new Step.Finish(cause.finalPhase(), cause.reason(), outcome,
        describe(cause) + ": the debug container was stopped by " + by + " and " + container.describeExit(),
        container);
  }

  private Step planStop(StopCause cause, StopStatus stop, ContainerView container, Instant expiresAt, Instant now) {
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
          min(expiresAt, now.plus(timing.statusPollInterval())), container);
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
              + human(timing.stopGracePeriod()) + " before SIGKILL", soonest(killAt, now), container)
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
    return min(due, now.plus(timing.statusPollInterval()));
  }

  private static StopCause stopCause(DebugSession session, DebugSessionStatus status, Instant now, Instant expiresAt) {
    if (status.getStop() != null && status.getStop().getCause() != null) {
      StopCause recorded = StopCause.fromReason(status.getStop().getCause());
      if (recorded != null) {
        return recorded;
      }
    }
    if (isDeleting(session)) {
      return StopCause.SESSION_DELETED;
    }
    if (session.getSpec().endRequested()) {
      return StopCause.END_REQUESTED;
    }
    return now.isBefore(expiresAt) ? null : StopCause.EXPIRED;
  }

  private static Optional<EphemeralContainer> findEphemeral(Pod pod, String name) {
    if (pod.getSpec() == null || pod.getSpec().getEphemeralContainers() == null) {
      return Optional.empty();
    }
    return pod.getSpec().getEphemeralContainers().stream().filter(c -> name.equals(c.getName())).findFirst();
  }

  private static boolean isDeleting(DebugSession session) {
    return session.getMetadata().getDeletionTimestamp() != null;
  }

  private static Instant createdAt(DebugSession session, Instant now) {
    String created = session.getMetadata().getCreationTimestamp();
    return created == null ? now : Instant.parse(created);
  }

  private static String describe(StopCause cause) {
    return switch (cause) {
      case EXPIRED -> "TTL reached";
      case END_REQUESTED -> "End requested";
      case SESSION_DELETED -> "DebugSession deleted";
    };
  }

  private static String stateOf(ContainerView container) {
    return container.state().name() + (container.reason() == null ? "" : " " + container.reason());
  }

  static String human(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
