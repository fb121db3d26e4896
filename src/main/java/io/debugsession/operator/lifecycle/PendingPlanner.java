package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.container.DebugContainerName;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Before the debug container exists: adopt one already there, or go through policy, approval, the target's
 * readiness and the pod's cap to the injection.
 */
final class PendingPlanner {

  private final Timing timing;

  PendingPlanner(Timing timing) {
    this.timing = timing;
  }

  Step plan(DebugSession session, Pod pod, Instant now, PolicyVerdict verdict) {
    String containerName = DebugContainerName.of(session.getMetadata().getName(), session.getMetadata().getUid());
    Optional<EphemeralContainer> existing =
        pod == null ? Optional.empty() : SessionFacts.findEphemeral(pod, containerName);
    if (existing.isPresent()) {
      return adopt(session, pod, existing.get(), now, verdict);
    }
    if (SessionFacts.isDeleting(session) || session.getSpec().endRequested()) {
      StopCause cause = SessionFacts.isDeleting(session) ? StopCause.SESSION_DELETED : StopCause.END_REQUESTED;
      return new Step.Finish(cause.finalPhase(), cause.reason(), StopOutcome.NeverInjected,
          "Ended before a debug container was added", ContainerView.UNKNOWN);
    }
    if (!verdict.allowed()) {
      return new Step.Deny(verdict.denial(), verdict.denialMessage());
    }
    Instant waitingSince = SessionFacts.createdAt(session, now);
    if (verdict.approval().required()) {
      Optional<Step> approvalStep = approvalStep(session, verdict, now);
      if (approvalStep.isPresent()) {
        return approvalStep.get();
      }
      waitingSince = now; // approved just now or earlier: the pod gets its full pending timeout from here
      if (session.getStatus() != null && session.getStatus().getApprovedAt() != null) {
        waitingSince = Instant.parse(session.getStatus().getApprovedAt());
      }
    }
    TargetCheck.Verdict target = TargetCheck.evaluate(pod, session.getSpec().getTarget(),
        session.getMetadata().getNamespace());
    if (target instanceof TargetCheck.Impossible impossible) {
      return new Step.Fail(impossible.reason(), impossible.message());
    }
    if (target instanceof TargetCheck.NotYet notYet) {
      Instant giveUpAt = waitingSince.plus(timing.pendingTimeout());
      if (!now.isBefore(giveUpAt)) {
        return new Step.Fail(notYet.reason(),
            notYet.message() + " after waiting " + Ttl.format(timing.pendingTimeout()));
      }
      return new Step.AwaitTarget(notYet.reason(), "Waiting: " + notYet.message(),
          min(Duration.ofSeconds(5), Duration.between(now, giveUpAt)));
    }
    String targetContainer = ((TargetCheck.Ready) target).container();
    Optional<String> capDenial = verdict.podCapDenial(pod);
    if (capDenial.isPresent()) {
      return new Step.Deny(EndReason.EphemeralContainerLimit, capDenial.get());
    }
    Instant expiresAt = now.truncatedTo(ChronoUnit.SECONDS).plus(verdict.ttl());
    return new Step.Inject(pod.getMetadata().getUid(), targetContainer, containerName, expiresAt);
  }

  /** Empty when approved and the approval counts; else the step that waits for, or refuses on, the approval. */
  private Optional<Step> approvalStep(DebugSession session, PolicyVerdict verdict, Instant now) {
    ApprovalSpec approval = session.getSpec().getApproval();
    if (approval == null) {
      Instant deadline = approvalDeadline(session, verdict, now);
      if (!now.isBefore(deadline)) {
        return Optional.of(new Step.Deny(EndReason.ApprovalTimedOut,
            "approval timed out: nobody approved within " + Ttl.format(verdict.approval().timeout())));
      }
      return Optional.of(new Step.AwaitApproval(deadline));
    }
    boolean denial = approval.getDecision() == ApprovalDecision.Denied;
    if (verdict.approvalRefusal() != null) {
      // spec.approval is given once: a decision that does not count cannot be followed by one that does.
      return Optional.of(new Step.Deny(EndReason.ApprovalRefused, "the " + (denial ? "denial" : "approval") + " by "
          + approval.getApprover() + " does not count: " + verdict.approvalRefusal()));
    }
    if (denial) {
      return Optional.of(new Step.Deny(EndReason.ApprovalDenied,
          "denied by " + approval.getApprover() + ": " + approval.getReason()));
    }
    return Optional.empty();
  }

  private static Instant approvalDeadline(DebugSession session, PolicyVerdict verdict, Instant now) {
    DebugSessionStatus status = session.getStatus();
    if (status != null && status.getApprovalExpiresAt() != null) {
      return Instant.parse(status.getApprovalExpiresAt());
    }
    return SessionFacts.createdAt(session, now).plus(verdict.approval().timeout());
  }

  private Step adopt(DebugSession session, Pod pod, EphemeralContainer container, Instant now, PolicyVerdict verdict) {
    AdoptedDeadline deadline = AdoptedDeadline.of(container, now.truncatedTo(ChronoUnit.SECONDS).plus(verdict.ttl()));
    return new Step.Adopt(pod.getMetadata().getUid(), container.getTargetContainerName(), container.getName(),
        deadline.expiresAt(), ContainerView.of(pod, container.getName()), deadline.warning());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
