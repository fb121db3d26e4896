package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import static io.debugsession.operator.lifecycle.SessionFixtures.CREATED;
import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.POD_UID;
import static io.debugsession.operator.lifecycle.SessionFixtures.TIMING;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.pod;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static io.debugsession.operator.lifecycle.SessionFixtures.terminated;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.EvictionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the gate (policy, identity, approval) and the policy's onExpiry steer the planner. */
class SessionPlannerGateTest {

  private static final Duration APPROVAL_TIMEOUT = Duration.ofMinutes(30);
  private final SessionPlanner planner = new SessionPlanner(TIMING);

  @Test
  void deniedGateDeniesBeforeLookingAtThePod() {
    PolicyVerdict gate = gate(false, null, 10, false)
        .withDenial(EndReason.PolicyDenied, "profile \"sysadmin\" is not allowed");

    Step step = planner.plan(session().build(), null, NOW, gate);

    assertThat(step).isEqualTo(new Step.Deny(EndReason.PolicyDenied, "profile \"sysadmin\" is not allowed"));
  }

  @Test
  void requiredApprovalNotYetGivenWaitsUntilTheApprovalTimeout() {
    Step step = planner.plan(session().build(), pod().build(), NOW, gate(true, null, 10, false));

    assertThat(step).isEqualTo(new Step.AwaitApproval(CREATED.plus(APPROVAL_TIMEOUT)));
  }

  @Test
  void approvalWindowThatLapsedDeniesTheSession() {
    Step step = planner.plan(session().build(), pod().build(), CREATED.plus(APPROVAL_TIMEOUT),
        gate(true, null, 10, false));

    assertThat(step).isEqualTo(new Step.Deny(EndReason.ApprovalTimedOut, "approval timed out: nobody approved within 30m"));
  }

  @Test
  void approverWhoSaidNoDeniesTheSession() {
    DebugSession session = withApproval(session().build(), ApprovalDecision.Denied);

    Step step = planner.plan(session, pod().build(), NOW, gate(true, null, 10, false));

    assertThat(step).isEqualTo(new Step.Deny(EndReason.ApprovalDenied, "denied by bob: INC-42 is closed"));
  }

  @Test
  void approvalThatDoesNotCountDeniesTheSessionWithTheRefusal() {
    DebugSession session = withApproval(session().build(), ApprovalDecision.Approved);

    Step step = planner.plan(session, pod().build(), NOW,
        gate(true, "\"bob\" is not an approver under DebugPolicy \"prod\"", 10, false));

    assertThat(step).isEqualTo(new Step.Deny(EndReason.ApprovalRefused,
        "the approval by bob does not count: \"bob\" is not an approver under DebugPolicy \"prod\""));
  }

  @Test
  void denialThatDoesNotCountDeniesTheSessionAsRefusedNotAsDenied() {
    DebugSession session = withApproval(session().build(), ApprovalDecision.Denied);

    Step step = planner.plan(session, pod().build(), NOW,
        gate(true, "the API server did not verify who gave it: the ValidatingAdmissionPolicyBinding "
            + "debugsession-identity is not installed (apply config/admission)", 10, false));

    assertThat(step).isEqualTo(new Step.Deny(EndReason.ApprovalRefused, "the denial by bob does not count: the API server "
        + "did not verify who gave it: the ValidatingAdmissionPolicyBinding debugsession-identity is not installed "
        + "(apply config/admission)"));
  }

  @Test
  void approvedSessionIsInjectedWithThePolicysTtl() {
    DebugSession session = withApproval(session().build(), ApprovalDecision.Approved);

    Step step = planner.plan(session, pod().build(), NOW, gate(true, null, 10, false));

    assertThat(step).isEqualTo(new Step.Inject(POD_UID, "app", containerName(),
        NOW.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(20))));
  }

  @Test
  void podAtItsEphemeralContainerCapIsDenied() {
    Pod full = pod().ephemeral(new EphemeralContainerBuilder().withName("old-1").build())
        .ephemeral(new EphemeralContainerBuilder().withName("old-2").build()).build();

    Step step = planner.plan(session().build(), full, NOW, gate(false, null, 2, false));

    assertThat(step).isEqualTo(new Step.Deny(EndReason.EphemeralContainerLimit, "pod \"checkout-7d9f\" already has 2 ephemeral "
        + "containers, the maximum under DebugPolicy \"prod\"; delete or restart the pod to clear them"));
  }

  @Test
  void expiredSessionUnderStopAndEvictEvictsBeforeFinishing() {
    DebugSession session = session().active(EXPIRES_AT).build();
    session.getStatus().setOnExpiry("StopAndEvict");
    Pod pod = pod().ephemeralStatus(containerName(), terminated(143, "Error", EXPIRES_AT.plusSeconds(1))).build();

    Step step = planner.plan(session, pod, EXPIRES_AT.plusSeconds(3));

    assertThat(step).isInstanceOfSatisfying(Step.Evict.class, evict -> {
      assertThat(evict.then().phase()).isEqualTo(Phase.Expired);
      assertThat(evict.then().outcome()).isEqualTo(StopOutcome.DeadlineWrapper);
    });
  }

  @Test
  void evictionBlockedPastTheEvictionTimeoutFinishesAndSaysSo() {
    DebugSession session = session().active(EXPIRES_AT).build();
    session.getStatus().setOnExpiry("StopAndEvict");
    EvictionStatus eviction = new EvictionStatus();
    eviction.setFirstAttemptAt(EXPIRES_AT.plusSeconds(3).toString());
    eviction.setBlockedBy("a PodDisruptionBudget");
    session.getStatus().setEviction(eviction);
    Pod pod = pod().ephemeralStatus(containerName(), terminated(143, "Error", EXPIRES_AT.plusSeconds(1))).build();

    Step step = planner.plan(session, pod, EXPIRES_AT.plusSeconds(3).plus(Duration.ofMinutes(5)));

    assertThat(step).isInstanceOfSatisfying(Step.EvictionGaveUp.class, gaveUp ->
        assertThat(gaveUp.then().message()).endsWith("; the pod could not be evicted within 5m: a PodDisruptionBudget"));
  }

  @Test
  void earlyEndUnderStopAndEvictDoesNotEvict() {
    DebugSession session = session().active(EXPIRES_AT).endRequested().build();
    session.getStatus().setOnExpiry("StopAndEvict");
    Pod pod = pod().ephemeralStatus(containerName(), terminated(0, "Completed", NOW)).build();

    Step step = planner.plan(session, pod, NOW);

    assertThat(step).isInstanceOf(Step.Finish.class);
  }

  private static PolicyVerdict gate(boolean approvalRequired, String refusal, int cap, boolean evict) {
    ApprovalRequirement approval = approvalRequired
        ? new ApprovalRequirement(List.of(new ApproverSet("prod", List.of("bob"), List.of())), APPROVAL_TIMEOUT)
        : ApprovalRequirement.NONE;
    return new PolicyVerdict(null, List.of(), Duration.ofMinutes(20), approval, refusal, cap,
        List.of("DebugPolicy \"prod\""), evict ? OnExpiry.STOP_AND_EVICT : OnExpiry.STOP, OnStopFailure.REPORT,
        List.of("prod"), true);
  }

  private static DebugSession withApproval(DebugSession session, ApprovalDecision decision) {
    session.getSpec().setApproval(new ApprovalSpec(decision, "bob", null,
        decision == ApprovalDecision.Denied ? "INC-42 is closed" : "go ahead"));
    return session;
  }

}
