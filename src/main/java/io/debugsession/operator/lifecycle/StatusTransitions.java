package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.EvictionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link Step} (and, for the steps that act, what the action gave) into the session's next status and the
 * Events that tell a person what changed. Pure: it writes into the status copy it is given.
 */
public final class StatusTransitions {

  private final DebugSession session;
  private final DebugSessionStatus status;
  private final Instant now;
  private final List<SessionEvent> events = new ArrayList<>();
  private final StopTransitions stops = new StopTransitions(this);

  public StatusTransitions(DebugSession session, DebugSessionStatus statusCopy, Instant now) {
    this.session = session;
    this.status = statusCopy;
    this.now = now;
    status.setObservedGeneration(session.getMetadata().getGeneration());
    if (status.getPhase() == null) {
      status.setPhase(Phase.Pending);
    }
  }

  public DebugSessionStatus status() {
    return status;
  }

  public List<SessionEvent> events() {
    return events;
  }

  Instant now() {
    return now;
  }

  DebugSession session() {
    return session;
  }

  public StatusTransitions awaitTarget(Step.AwaitTarget step) {
    if (!Objects.equals(step.message(), status.getMessage())) {
      events.add(SessionEvent.normal("WaitingForTarget", step.message()));
    }
    status.setMessage(step.message());
    condition(Conditions.INJECTED, false, step.reason().name(), step.message());
    return this;
  }

  /**
   * Who asked and what governed, recorded until the session starts and frozen from then on; and the approval, once it
   * counts under the verdict and the step does not deny the session anyway.
   */
  public StatusTransitions recordVerdict(PolicyVerdict verdict, Step step) {
    if (!status.getPhase().isUndecided()) {
      return this;
    }
    if (verdict.approvalCounts(session.getSpec()) && !(step instanceof Step.Deny)) {
      approved();
    }
    status.setRequester(session.getSpec().getRequester());
    status.setRequesterVerified(verdict.requesterVerified());
    status.setApprovers(verdict.approvers().isEmpty() ? null : verdict.approvers());
    status.setPolicies(verdict.governedBy().isEmpty() ? null : verdict.governedBy());
    // Null when spec.ttl is not a duration (the schema forbids it; the policy verdict denies it): nothing to record.
    status.setTtl(verdict.ttl() == null ? null : Ttl.format(verdict.ttl()));
    status.setOnExpiry(verdict.onExpiry().value());
    status.setOnStopFailure(verdict.onStopFailure().value());
    return this;
  }

  public StatusTransitions deny(Step.Deny step) {
    if (step.reason() == EndReason.ApprovalDenied && session.getSpec().getApproval() != null) {
      status.setApprover(session.getSpec().getApproval().getApprover());
    }
    status.setPhase(Phase.Denied);
    status.setEndReason(step.reason().name());
    status.setEndedAt(now.toString());
    status.setMessage("Denied: " + step.message());
    condition(Conditions.INJECTED, false, step.reason().name(), status.getMessage());
    events.add(SessionEvent.warning(step.reason().name(), status.getMessage()));
    return this;
  }

  /**
   * Records, once, who asked to end the session early: spec.endedBy, or the requester, the only one the identity
   * admission policy lets end a session without naming themselves; {@code verified} when that policy is in force.
   */
  public StatusTransitions endRequested(boolean verified) {
    if (status.getEndedByVerified() != null || !session.getSpec().endRequested() || status.getPhase().isTerminal()) {
      return this;
    }
    String by = session.getSpec().getEndedBy() != null ? session.getSpec().getEndedBy()
        : session.getSpec().getRequester();
    status.setEndedBy(by);
    status.setEndedByVerified(verified);
    String role = by == null ? "" : by.equals(session.getSpec().getRequester()) ? " (the requester)"
        : " (an approver of this session)";
    events.add(SessionEvent.normal("EndRequested", "End requested by " + (by == null ? "an unknown user" : by) + role
        + (verified ? "" : "; the API server did not verify the name: the identity admission policy is not in "
            + "force")));
    return this;
  }

  /** Says that the audit spool was full when the session was refused (it is denied separately). */
  public StatusTransitions auditSpoolFull(String message) {
    condition(Conditions.AUDIT_SPOOL_FULL, true, Conditions.SPOOL_FULL, message);
    return this;
  }

  public StatusTransitions awaitApproval(Step.AwaitApproval step) {
    boolean first = status.getPhase() != Phase.AwaitingApproval;
    status.setPhase(Phase.AwaitingApproval);
    status.setApprovalExpiresAt(step.deadline().toString());
    status.setMessage("Waiting for approval by an approver of " + String.join(", ", status.getPolicies() == null
        ? List.of("the governing policy") : status.getPolicies()) + " until " + step.deadline()
        + "; approve with: kubectl patch dbg " + session.getMetadata().getName() + " -n "
        + session.getMetadata().getNamespace() + " --type=merge -p '{\"spec\":{\"approval\":{\"decision\":"
        + "\"Approved\",\"approver\":\"<you>\",\"reason\":\"...\"}}}'");
    condition(Conditions.APPROVED, false, "AwaitingApproval", status.getMessage());
    if (first) {
      events.add(SessionEvent.normal("AwaitingApproval", status.getMessage()));
    }
    return this;
  }

  /** The approval in spec counts: record who gave it, once. */
  private void approved() {
    var approval = session.getSpec().getApproval();
    if (status.getApprovedAt() != null || approval == null) {
      return;
    }
    status.setApprover(approval.getApprover());
    status.setApprovedAt(now.toString());
    if (status.getPhase() == Phase.AwaitingApproval) {
      status.setPhase(Phase.Pending);
    }
    String message = "Approved by " + approval.getApprover() + ": " + approval.getReason();
    condition(Conditions.APPROVED, true, "Approved", message);
    events.add(SessionEvent.normal("Approved", message));
  }

  public StatusTransitions fail(Step.Fail step) {
    String reason = step.reason().name();
    status.setPhase(Phase.Failed);
    status.setEndReason(reason);
    status.setEndedAt(now.toString());
    status.setMessage(step.message());
    condition(Conditions.INJECTED, false, reason, step.message());
    events.add(SessionEvent.warning(reason, step.message()));
    return this;
  }

  public StatusTransitions injected(Step.Inject step, InjectionResult result) {
    if (result instanceof InjectionResult.Rejected rejected) {
      return fail(new Step.Fail(EndReason.InjectionRejected, "The API server refused the debug container (HTTP " + rejected.httpCode()
          + (rejected.reason() == null ? "" : " " + rejected.reason()) + "): " + rejected.message()));
    }
    if (result instanceof InjectionResult.NoRoom full) {
      return deny(new Step.Deny(EndReason.EphemeralContainerLimit, full.message()));
    }
    if (result instanceof InjectionResult.PodGone gone) {
      return fail(new Step.Fail(EndReason.TargetPodNotFound, gone.message()));
    }
    if (result instanceof InjectionResult.AlreadyPresent present) {
      // The deadline its wrapper enforces, written when it was added, as far as this session's TTL allows.
      AdoptedDeadline deadline = AdoptedDeadline.of(present.existing(), step.expiresAt());
      activate(step.podUid(), step.targetContainer(), step.containerName(), deadline.expiresAt(),
          ContainerView.UNKNOWN, "Adopted", deadline.warning());
    } else {
      activate(step.podUid(), step.targetContainer(), step.containerName(), step.expiresAt(), ContainerView.UNKNOWN,
          "Added", null);
    }
    return this;
  }

  public StatusTransitions adopted(Step.Adopt step) {
    activate(step.podUid(), step.targetContainer(), step.containerName(), step.expiresAt(), step.container(),
        "Adopted", step.deadlineWarning());
    return this;
  }

  private void activate(String podUid, String target, String containerName, Instant expiresAt,
      ContainerView container, String how, String deadlineWarning) {
    String pod = session.getSpec().getTarget().getPod();
    status.setPhase(Phase.Active);
    status.setPodName(pod);
    status.setPodUID(podUid);
    status.setTargetContainer(target);
    status.setContainerName(containerName);
    status.setStartedAt(now.toString());
    status.setExpiresAt(expiresAt.toString());
    String message = ("Adopted".equals(how) ? "Found debug container " + containerName + " already in pod " + pod
        : "Added debug container " + containerName + " to pod " + pod) + " next to container " + target
        + "; expires at " + expiresAt + ". Attach with: kubectl attach -it -n "
        + session.getMetadata().getNamespace() + " " + pod + " -c " + containerName;
    status.setMessage(message);
    condition(Conditions.INJECTED, true, how, message);
    followContainer(container);
    events.add(SessionEvent.normal("DebugContainer" + how, message));
    if (deadlineWarning != null) {
      events.add(SessionEvent.warning("DebugContainerDeadlineReplaced",
          "Debug container " + containerName + " found in pod " + pod + ": " + deadlineWarning));
    }
  }

  public StatusTransitions follow(Step.Follow step) {
    followContainer(step.container());
    return this;
  }

  /**
   * After the signaller returned at {@code sentAt}: the signal is recorded as sent then, not when the pass began
   * (reading the pod and opening the exec take a while), so that the grace period before KILL is never shortened.
   */
  public StatusTransitions signalled(Step.SendSignal step, SignalResult result, Instant sentAt) {
    stops.signalled(step, result, sentAt);
    return this;
  }

  public StatusTransitions awaitStop(Step.AwaitStop step) {
    stops.awaitStop(step);
    return this;
  }

  public StatusTransitions stopFailing(Step.StopFailing step) {
    stops.stopFailing(step);
    return this;
  }

  public StatusTransitions escalated(Step.EscalateEviction step, EvictionResult result) {
    stops.escalated(step, result);
    return this;
  }

  public StatusTransitions evicted(Step.Evict step, EvictionResult result) {
    stops.evicted(step, result);
    return this;
  }

  public StatusTransitions evictionGaveUp(Step.EvictionGaveUp step) {
    stops.evictionGaveUp(step);
    return this;
  }

  public StatusTransitions finish(Step.Finish step) {
    status.setPhase(step.phase());
    status.setEndReason(step.endReason().name());
    status.setEndedAt(now.toString());
    status.setMessage(step.message());
    if (step.container().state() != ContainerView.State.Unknown) {
      status.setDebugContainer(step.container().toStatus());
    }
    condition(Conditions.DEBUG_CONTAINER_RUNNING, false, step.outcome().name(), step.message());
    condition(Conditions.STOPPED, true, step.outcome().name(), step.message());
    if (Conditions.find(status.getConditions(), Conditions.STOP_FAILING) != null) {
      condition(Conditions.STOP_FAILING, false, step.outcome().name(), step.message());
    }
    events.add(SessionEvent.normal(step.phase().name(), step.message()));
    return this;
  }

  void followContainer(ContainerView container) {
    if (container.state() == ContainerView.State.Unknown) {
      return;
    }
    DebugContainerStatus before = status.getDebugContainer();
    status.setDebugContainer(container.toStatus());
    if (container.toStatus().equals(before)) {
      return;
    }
    String reason = container.reason() != null ? container.reason() : container.state().name();
    String message = "Debug container " + status.getContainerName() + " is " + container.state()
        + (container.reason() == null ? "" : " (" + container.reason() + ")");
    condition(Conditions.DEBUG_CONTAINER_RUNNING, container.isRunning(), reason, message);
    if (container.isRunning()) {
      events.add(SessionEvent.normal("DebugContainerRunning", message));
    } else if (container.state() == ContainerView.State.Waiting && container.reason() != null) {
      events.add(SessionEvent.warning("DebugContainerWaiting", message));
    }
  }

  void condition(String type, boolean value, String reason, String message) {
    Conditions.set(status.getConditions(), type, value, reason, message, session.getMetadata().getGeneration(), now);
  }
}

