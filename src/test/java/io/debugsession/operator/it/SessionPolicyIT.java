package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.Conditions;
import io.debugsession.operator.testsupport.TestPods;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** DebugPolicy at work: denial, approval (given, refused, lapsed), the per-pod cap and the built-in default. */
class SessionPolicyIT extends OperatorTestBase {

  private static final String APPROVAL_POLICY = """
      namespaces: [shop]
      profiles: [baseline, general]
      approval:
        required: true
        approvers: {users: [bob]}
        timeout: 1m
      """;

  @Test
  void sessionOutsideThePolicyIsDeniedWithEveryReason() {
    createPolicy("shop-prod", """
        namespaces: [shop]
        images: {allowed: [registry.example.com/debug/*]}
        profiles: [restricted]
        ttl: {default: 5m, max: 10m}
        """);
    runningPod();

    createSession("dbg-1", spec -> {
      spec.setProfile(Profile.SYSADMIN);
      spec.setTtl("1h");
    });

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("PolicyDenied");
    assertThat(denied.getStatus().getMessage())
        .startsWith("Denied: ")
        .contains("image \"docker.io/library/busybox\" is not allowed by DebugPolicy \"shop-prod\"")
        .contains("profile \"sysadmin\" is not allowed")
        .contains("ttl 1h exceeds the maximum 10m");
    assertThat(denied.getStatus().getPolicies()).containsExactly("shop-prod");
    assertThat(eventReasons("dbg-1")).contains("PolicyDenied");
    assertThat(api.ephemeralContainers().writesReceived()).isZero();
  }

  @Test
  void builtInDefaultDeniesPrivilegedProfilesWhenNoPolicyGoverns() {
    runningPod();

    createSession("dbg-1", spec -> spec.setProfile(Profile.GENERAL));

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getMessage()).contains("profile \"general\" is not allowed");
  }

  @Test
  void sessionWaitsForApprovalAndStartsOnceApproved() {
    createPolicy("shop-approval", APPROVAL_POLICY);
    runningPod();
    createSession("dbg-1", spec -> spec.setRequester("alice"));
    awaitPhase("dbg-1", Phase.AwaitingApproval);
    assertThat(api.ephemeralContainers().writesReceived()).isZero();

    approve("dbg-1", ApprovalDecision.Approved, "bob");

    DebugSession active = awaitPhase("dbg-1", Phase.Active);
    assertThat(active.getStatus().getApprover()).isEqualTo("bob");
    assertThat(active.getStatus().getRequester()).isEqualTo("alice");
    assertThat(active.getStatus().getRequesterVerified()).isFalse(); // no identity admission policy in the mock
    assertThat(Conditions.find(active.getStatus().getConditions(), Conditions.APPROVED).getStatus())
        .isEqualTo("True");
    assertThat(eventReasons("dbg-1")).contains("AwaitingApproval", "Approved", "DebugContainerAdded");
  }

  @Test
  void approvalBySomeoneOutsideTheApproversDeniesTheSession() {
    createPolicy("shop-approval", APPROVAL_POLICY);
    runningPod();
    createSession("dbg-1", spec -> spec.setRequester("alice"));
    awaitPhase("dbg-1", Phase.AwaitingApproval);

    approve("dbg-1", ApprovalDecision.Approved, "mallory");

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("ApprovalRefused");
    assertThat(denied.getStatus().getMessage()).contains("\"mallory\" is not an approver");
  }

  @Test
  void approvalWindowThatLapsesDeniesTheSession() {
    createPolicy("shop-approval", APPROVAL_POLICY);
    runningPod();
    createSession("dbg-1", spec -> spec.setRequester("alice"));
    awaitPhase("dbg-1", Phase.AwaitingApproval);

    clock.advance(Duration.ofSeconds(61));

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("ApprovalTimedOut");
    assertThat(denied.getStatus().getMessage()).isEqualTo("Denied: approval timed out: nobody approved within 1m");
  }

  @Test
  void podAtItsEphemeralContainerCapIsDenied() {
    createPolicy("shop-cap", """
        namespaces: [shop]
        maxEphemeralContainersPerPod: 1
        """);
    client.resource(TestPods.scheduledApp(NS, POD)).create();
    kubelet.podRunning(NS, POD);
    client.pods().inNamespace(NS).withName(POD).ephemeralContainers().edit(pod -> TestPods.withDebugContainer(pod,
        TestPods.debugContainer("earlier-debugger", "busybox:1.37", APP)));

    createSession("dbg-1");

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("EphemeralContainerLimit");
    assertThat(denied.getStatus().getMessage()).contains("pod \"checkout\" already has 1 ephemeral container, the maximum under DebugPolicy \"shop-cap\"");
  }

  @Test
  void requesterThatCannotBeVerifiedIsDeniedWhereVerificationIsRequired() {
    restartOperatorRequiringVerifiedRequesters();
    runningPod();

    createSession("dbg-1", spec -> spec.setRequester("alice"));

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("RequesterUnverified");
  }

  private void approve(String name, ApprovalDecision decision, String approver) {
    DebugSession session = session(name);
    session.getSpec().setApproval(new ApprovalSpec(decision, approver, null, "INC-42 needs it"));
    client.resource(session).update();
  }
}
