package io.debugsession.operator.status;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.lifecycle.AdoptedDeadline;
import io.debugsession.operator.lifecycle.ContainerView;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.EvictionReason;
import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopOutcome;
import io.debugsession.operator.lifecycle.Ttl;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a {@link Step} (and, for the steps that act, what the action gave) into the session's next status, the
 * Events that tell a person what changed and the {@link Milestone}s the change reached (each an audit record). Pure:
 * it writes into the status copy it is given. A milestone is recorded where the status change that makes it true is
 * written, and only when that status did not show it already: a pass re-run after a lost status patch starts from
 * the same status and reaches the same milestones, which the audit trail's deterministic record ids then recognise.
 * The stop and eviction steps write through {@link StopTransitions}, which uses this class (never the other way).
 */
public final class StatusTransitions {

  private final DebugSession session;
  private final DebugSessionStatus status;
  private final Instant now;
  private final List<SessionEvent> events = new ArrayList<>();
  /** In declaration order, so that the records of one pass are always written in the same order. */
  private final Map<Milestone, String> milestones = new EnumMap<>(Milestone.class);

  public StatusTransitions(DebugSession session, DebugSessionStatus statusCopy, Instant now) {
    this.session = session;
    this.status = statusCopy;
    this.now = now;
    status.setObservedGeneration(session.getMetadata().getGeneration());
    if (status.getPhase() == null) {
      status.setPhase(Phase.Pending);
      reached(Milestone.REQUESTED, null);
    }
  }

  public DebugSessionStatus status() {
    return status;
  }

  public List<SessionEvent> events() {
    return events;
  }

  /** The milestones this pass reached, in the order their records are written. */
  public List<Milestone.Reached> milestones() {
    return milestones.entrySet().stream().map(e -> new Milestone.Reached(e.getKey(), e.getValue())).toList();
  }

  Instant now() {
    return now;
  }

  DebugSession session() {
    return session;
  }

  public StatusTransitions awaitTarget(Step.AwaitTarget step) {
    if (!Objects.equals(step.message(), status.getMessage())) {
      events.add(SessionEvent.normal(EventReason.WaitingForTarget, step.message()));
    }
    status.setMessage(step.message());
    condition(ConditionType.Injected, false, step.reason().name(), step.message());
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
    status.setEndReason(step.reason().name());
    status.setEndedAt(now.toString());
    status.setMessage("Denied: " + step.message());
    enter(Phase.Denied, step.reason(), step.reason().name());
    condition(ConditionType.Injected, false, step.reason().name(), status.getMessage());
    events.add(SessionEvent.warning(step.reason(), status.getMessage()));
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
    reached(Milestone.END_REQUESTED, null);
    String role = by == null ? "" : by.equals(session.getSpec().getRequester()) ? " (the requester)"
        : " (an approver of this session)";
    events.add(SessionEvent.normal(EventReason.EndRequested, "End requested by " + (by == null ? "an unknown user" : by) + role
        + (verified ? "" : "; the API server did not verify the name: the identity admission policy is not in "
            + "force")));
    return this;
  }

  /** Says that the audit spool was full when the session was refused (it is denied separately). */
  public StatusTransitions auditSpoolFull(String message) {
    condition(ConditionType.AuditSpoolFull, true, Conditions.SPOOL_FULL, message);
    return this;
  }

  public StatusTransitions awaitApproval(Step.AwaitApproval step) {
    boolean first = status.getPhase() != Phase.AwaitingApproval;
    enter(Phase.AwaitingApproval, null, null);
    status.setApprovalExpiresAt(step.deadline().toString());
    status.setMessage("Waiting for approval by an approver of " + String.join(", ", status.getPolicies() == null
        ? List.of("the governing policy") : status.getPolicies()) + " until " + step.deadline()
        + "; approve with: kubectl patch dbg " + session.getMetadata().getName() + " -n "
        + session.getMetadata().getNamespace() + " --type=merge -p '{\"spec\":{\"approval\":{\"decision\":"
        + "\"Approved\",\"approver\":\"<you>\",\"reason\":\"...\"}}}'");
    condition(ConditionType.Approved, false, "AwaitingApproval", status.getMessage());
    if (first) {
      events.add(SessionEvent.normal(EventReason.AwaitingApproval, status.getMessage()));
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
    reached(Milestone.APPROVED, "Approved");
    if (status.getPhase() == Phase.AwaitingApproval) {
      enter(Phase.Pending, null, null);
    }
    String message = "Approved by " + approval.getApprover() + ": " + approval.getReason();
    condition(ConditionType.Approved, true, "Approved", message);
    events.add(SessionEvent.normal(EventReason.Approved, message));
  }

  public StatusTransitions fail(Step.Fail step) {
    String reason = step.reason().name();
    status.setEndReason(reason);
    status.setEndedAt(now.toString());
    status.setMessage(step.message());
    // How it ended: the stop's outcome if one was ever recorded, else why it failed.
    enter(Phase.Failed, null, Optional.ofNullable(Conditions.find(status.getConditions(), ConditionType.Stopped))
        .map(Condition::getReason).orElse(reason));
    condition(ConditionType.Injected, false, reason, step.message());
    events.add(SessionEvent.warning(step.reason(), step.message()));
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
    if (status.getStartedAt() == null) {
      reached(Milestone.INJECTED, how);
    }
    enter(Phase.Active, null, null);
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
    condition(ConditionType.Injected, true, how, message);
    followContainer(container);
    events.add(SessionEvent.normal("Adopted".equals(how) ? EventReason.DebugContainerAdopted
        : EventReason.DebugContainerAdded, message));
    if (deadlineWarning != null) {
      events.add(SessionEvent.warning(EventReason.DebugContainerDeadlineReplaced,
          "Debug container " + containerName + " found in pod " + pod + ": " + deadlineWarning));
    }
  }

  public StatusTransitions follow(Step.Follow step) {
    followContainer(step.container());
    return this;
  }

  public StatusTransitions finish(Step.Finish step) {
    status.setEndReason(step.endReason().name());
    status.setEndedAt(now.toString());
    status.setMessage(step.message());
    if (step.container().state() != ContainerView.State.Unknown) {
      status.setDebugContainer(step.container().toStatus());
    }
    enter(step.phase(), step.endReason(), step.outcome().name());
    condition(ConditionType.DebugContainerRunning, false, step.outcome().name(), step.message());
    condition(ConditionType.Stopped, true, step.outcome().name(), step.message());
    if (Conditions.find(status.getConditions(), ConditionType.StopFailing) != null) {
      condition(ConditionType.StopFailing, false, step.outcome().name(), step.message());
    }
    events.add(SessionEvent.normal(step.phase() == Phase.Expired ? EventReason.Expired : EventReason.Ended,
        step.message()));
    return this;
  }

  /**
   * Moves the session to {@code phase}; entering it is a milestone for every phase but the two a session passes
   * through (Active is recorded as its injection, which names the container). {@code endReason}, when the step
   * ends the session, tells a timed-out approval from other denials; {@code outcome} says how it ended.
   */
  private void enter(Phase phase, EndReason endReason, String outcome) {
    Phase was = status.getPhase();
    status.setPhase(phase);
    if (was == phase) {
      return;
    }
    Milestone entered = switch (phase) {
      case Pending, Active -> null;
      case AwaitingApproval -> Milestone.AWAITING_APPROVAL;
      case Denied -> endReason == EndReason.ApprovalTimedOut
          ? Milestone.APPROVAL_TIMED_OUT : Milestone.DENIED;
      case Failed, Ended -> Milestone.ENDED;
      case Expired -> Milestone.EXPIRED;
    };
    if (entered != null) {
      reached(entered, outcome);
    }
  }

  /** The pod's eviction went as {@code reason} says; a change to Evicted or EvictionTimedOut is a milestone. */
  void evictionCondition(EvictionReason reason, boolean evicted, String message) {
    Condition before = Conditions.find(status.getConditions(), ConditionType.Evicted);
    condition(ConditionType.Evicted, evicted, reason.name(), message);
    if (before != null && EvictionReason.parse(before.getReason()) == reason) {
      return;
    }
    Milestone milestone = switch (reason) {
      case Evicted -> Milestone.EVICTED;
      case EvictionTimedOut -> Milestone.EVICTION_FAILED;
      case Blocked -> null; // retried: the milestone comes when it is evicted or given up
    };
    if (milestone != null) {
      reached(milestone, reason.name());
    }
  }

  /** The stop kept failing after KILL: StopFailing turns True, once. */
  void markStopFailing(String message) {
    boolean already = Conditions.isTrue(status.getConditions(), ConditionType.StopFailing);
    condition(ConditionType.Stopped, false, StopOutcome.StopFailed.name(), message);
    condition(ConditionType.StopFailing, true, "StillRunningAfterKill", message);
    if (!already) {
      reached(Milestone.STOP_FAILED, StopOutcome.StopFailed.name());
    }
  }

  private void reached(Milestone milestone, String outcome) {
    milestones.put(milestone, outcome);
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
    boolean wasRunning = Conditions.isTrue(status.getConditions(), ConditionType.DebugContainerRunning);
    condition(ConditionType.DebugContainerRunning, container.isRunning(), reason, message);
    if (container.isRunning() && !wasRunning) {
      reached(Milestone.CONTAINER_RUNNING, null);
    }
    if (container.isRunning()) {
      events.add(SessionEvent.normal(EventReason.DebugContainerRunning, message));
    } else if (container.state() == ContainerView.State.Waiting && container.reason() != null) {
      events.add(SessionEvent.warning(EventReason.DebugContainerWaiting, message));
    }
  }

  void condition(ConditionType type, boolean value, String reason, String message) {
    Conditions.set(status.getConditions(), type, value, reason, message, session.getMetadata().getGeneration(), now);
  }
}

