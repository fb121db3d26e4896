package io.debugsession.operator.status;

import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.debugsession.operator.lifecycle.ApprovalRequirement;
import io.debugsession.operator.lifecycle.ApproverSet;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import io.debugsession.operator.lifecycle.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the gate (policy, identity, approval) writes into status, and the approval's and the denial's transitions. */
class StatusTransitionsGateTest {

  private static final PolicyApprovers PROD_APPROVERS =
      new PolicyApprovers("prod", List.of("bob"), List.of("sre-leads"));

  private static final Instant DEADLINE = NOW.plus(Duration.ofMinutes(30));

  @Test
  void gateIsRecordedWhileTheSessionIsDecided() {
    DebugSession session = session().build();
    session.getSpec().setRequester("alice");
    StatusTransitions t = new StatusTransitions(session, new DebugSessionStatus(), NOW);

    t.recordVerdict(gate(false, null, true), new Step.AwaitApproval(DEADLINE));

    assertThat(t.status().getRequester()).isEqualTo("alice");
    assertThat(t.status().getRequesterVerified()).isTrue();
    assertThat(t.status().getPolicies()).containsExactly("prod");
    assertThat(t.status().getTtl()).isEqualTo("20m");
    assertThat(t.status().getOnExpiry()).isEqualTo("StopAndEvict");
  }

  @Test
  void whoMayApproveIsRecordedForAdmissionToLetApproversEndTheSession() {
    StatusTransitions t = new StatusTransitions(session().build(), new DebugSessionStatus(), NOW);

    t.recordVerdict(gate(true, null, true), new Step.AwaitApproval(DEADLINE));

    assertThat(t.status().getApprovers()).containsExactly(PROD_APPROVERS);
  }

  @Test
  void noApproversAreRecordedWhereNoPolicyRequiresApproval() {
    StatusTransitions t = new StatusTransitions(session().build(), new DebugSessionStatus(), NOW);

    t.recordVerdict(gate(false, null, true), new Step.AwaitTarget(EndReason.TargetPodNotFound, "Waiting", Duration.ofSeconds(5)));

    assertThat(t.status().getApprovers()).isNull();
  }

  @Test
  void anApproversDenialThatCountsRecordsWhoDenied() {
    DebugSession session = session().phase(Phase.AwaitingApproval).build();
    session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Denied, "bob", null, "INC-42 is closed"));
    StatusTransitions t = new StatusTransitions(session, session.getStatus(), NOW);

    t.deny(new Step.Deny(EndReason.ApprovalDenied, "denied by bob: INC-42 is closed"));

    assertThat(t.status().getApprover()).isEqualTo("bob");
  }

  @Test
  void aDenialThatDoesNotCountRecordsNoApprover() {
    DebugSession session = session().phase(Phase.AwaitingApproval).build();
    session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Denied, "mallory", null, "no"));
    StatusTransitions t = new StatusTransitions(session, session.getStatus(), NOW);

    t.deny(new Step.Deny(EndReason.ApprovalRefused, "the denial by mallory does not count: ..."));

    assertThat(t.status().getApprover()).isNull();
  }

  @Test
  void verdictWithoutATtlIsRecordedWithoutOne() {
    StatusTransitions t = new StatusTransitions(session().build(), new DebugSessionStatus(), NOW);
    PolicyVerdict noTtl = new PolicyVerdict(EndReason.PolicyDenied, List.of("ttl \"15\" is not a duration"), null,
        ApprovalRequirement.NONE, null, 10, List.of(), OnExpiry.STOP, OnStopFailure.REPORT, List.of(), false);

    t.recordVerdict(noTtl, new Step.Deny(EndReason.PolicyDenied, "ttl \"15\" is not a duration"));

    assertThat(t.status().getTtl()).isNull();
  }

  @Test
  void approvalThatCountsIsRecordedOnceWithItsApprover() {
    DebugSession session = approved(session().phase(Phase.AwaitingApproval).build());
    StatusTransitions t = new StatusTransitions(session, session.getStatus(), NOW);

    t.recordVerdict(gate(true, null, false), new Step.AwaitTarget(EndReason.TargetPodNotFound, "Waiting", Duration.ofSeconds(5)));

    assertThat(t.status().getApprover()).isEqualTo("bob");
    assertThat(t.status().getApprovedAt()).isEqualTo(NOW.toString());
    assertThat(t.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(Conditions.find(t.status().getConditions(), ConditionType.Approved).getMessage())
        .isEqualTo("Approved by bob: INC-42");
    assertThat(t.events()).extracting(SessionEvent::reason).containsExactly("Approved");
  }

  @Test
  void approvalIsNotRecordedWhenTheStepDeniesTheSessionAnyway() {
    DebugSession session = approved(session().phase(Phase.AwaitingApproval).build());
    StatusTransitions t = new StatusTransitions(session, session.getStatus(), NOW);

    t.recordVerdict(gate(true, null, false), new Step.Deny(EndReason.EphemeralContainerLimit, "pod is full"));

    assertThat(t.status().getApprover()).isNull();
    assertThat(t.events()).isEmpty();
  }

  @Test
  void refusedApprovalIsNotRecorded() {
    DebugSession session = approved(session().phase(Phase.AwaitingApproval).build());
    StatusTransitions t = new StatusTransitions(session, session.getStatus(), NOW);

    t.recordVerdict(gate(true, "the requester cannot approve their own session", false),
        new Step.Deny(EndReason.ApprovalRefused, "no"));

    assertThat(t.status().getApprover()).isNull();
  }

  @Test
  void denialIsFinalWithEveryReasonAndAWarning() {
    StatusTransitions t = new StatusTransitions(session().build(), new DebugSessionStatus(), NOW);

    t.deny(new Step.Deny(EndReason.PolicyDenied, "profile \"sysadmin\" is not allowed; ttl 2h exceeds the maximum 30m"));

    assertThat(t.status().getPhase()).isEqualTo(Phase.Denied);
    assertThat(t.status().getEndReason()).isEqualTo("PolicyDenied");
    assertThat(t.status().getEndedAt()).isEqualTo(NOW.toString());
    assertThat(t.status().getMessage())
        .isEqualTo("Denied: profile \"sysadmin\" is not allowed; ttl 2h exceeds the maximum 30m");
    assertThat(t.events()).singleElement().satisfies(e -> {
      assertThat(e.warning()).isTrue();
      assertThat(e.reason()).isEqualTo("PolicyDenied");
    });
  }

  @Test
  void awaitingApprovalRecordsTheDeadlineAndSaysSoOnce() {
    DebugSession session = session().build();
    StatusTransitions first = new StatusTransitions(session, new DebugSessionStatus(), NOW);
    first.awaitApproval(new Step.AwaitApproval(DEADLINE));
    session.setStatus(first.status());

    StatusTransitions again = new StatusTransitions(session, first.status(), NOW.plusSeconds(10));
    again.awaitApproval(new Step.AwaitApproval(DEADLINE));

    assertThat(first.status().getPhase()).isEqualTo(Phase.AwaitingApproval);
    assertThat(first.status().getApprovalExpiresAt()).isEqualTo(DEADLINE.toString());
    assertThat(first.events()).extracting(SessionEvent::reason).containsExactly("AwaitingApproval");
    assertThat(again.events()).isEmpty();
  }

  private static PolicyVerdict gate(boolean approvalRequired, String refusal, boolean verified) {
    ApprovalRequirement approval = approvalRequired ? new ApprovalRequirement(List.of(new ApproverSet(
        PROD_APPROVERS.getPolicy(), PROD_APPROVERS.getUsers(), PROD_APPROVERS.getGroups())), Duration.ofMinutes(30))
        : ApprovalRequirement.NONE;
    return new PolicyVerdict(null, List.of(), Duration.ofMinutes(20), approval, refusal, 10, List.of(),
        OnExpiry.STOP_AND_EVICT, OnStopFailure.REPORT, List.of("prod"), verified);
  }

  private static DebugSession approved(DebugSession session) {
    session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Approved, "bob", null, "INC-42"));
    return session;
  }
}
