package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.debugsession.operator.reconciler.DebugSessionReconciler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * DebugPolicy at work: denial, approval (given, denied, lapsed), the per-pod cap and the built-in default, with the
 * identity and approvers admission policies of config/admission enforced by the API server (an approval by someone
 * the policy does not list never reaches the operator: see ApproversPolicyIT).
 */
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
    assertThat(ephemeralContainerWrites()).isZero();
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
    createSession("dbg-1");
    awaitPhase("dbg-1", Phase.AwaitingApproval);
    assertThat(ephemeralContainerWrites()).isZero();

    answer("dbg-1", ApprovalDecision.Approved);

    DebugSession active = awaitPhase("dbg-1", Phase.Active);
    assertThat(active.getStatus().getApprover()).isEqualTo(APPROVER);
    assertThat(active.getStatus().getRequester()).isEqualTo(REQUESTER);
    assertThat(active.getStatus().getRequesterVerified()).isTrue(); // the identity admission policy is installed
    assertThat(Conditions.find(active.getStatus().getConditions(), ConditionType.Approved).getStatus())
        .isEqualTo("True");
    assertThat(eventReasons("dbg-1")).contains("AwaitingApproval", "Approved", "DebugContainerAdded");
  }

  @Test
  void approverWhoDeniesEndsTheSessionDenied() {
    createPolicy("shop-approval", APPROVAL_POLICY);
    runningPod();
    createSession("dbg-1");
    awaitPhase("dbg-1", Phase.AwaitingApproval);

    answer("dbg-1", ApprovalDecision.Denied);

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("ApprovalDenied");
    assertThat(denied.getStatus().getApprover()).isEqualTo(APPROVER);
    assertThat(ephemeralContainerWrites()).isZero();
  }

  @Test
  void approvalWindowThatLapsesDeniesTheSession() {
    createPolicy("shop-approval", APPROVAL_POLICY);
    runningPod();
    createSession("dbg-1");
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
    // An earlier debugger, added the only way the bypass-guard admission policy allows: by the operator's account.
    operatorClient().pods().resource(TestPods.withDebugContainer(pod(),
        TestPods.debugContainer("earlier-debugger", "busybox:1.37", APP))).ephemeralContainers().update();

    createSession("dbg-1");

    DebugSession denied = awaitPhase("dbg-1", Phase.Denied);
    assertThat(denied.getStatus().getEndReason()).isEqualTo("EphemeralContainerLimit");
    assertThat(denied.getStatus().getMessage()).contains("pod \"checkout\" already has 1 ephemeral container, the maximum under DebugPolicy \"shop-cap\"");
  }

  @Test
  void anApprovalReasonWithLineBreaksCannotStartALineOfTheOperatorsLog() {
    // Arrange: whatever the operator logs about sessions, caught as its log handler would write it
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage()
            : new SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger reconcilerLog = Logger.getLogger(DebugSessionReconciler.class.getName());
    reconcilerLog.addHandler(capture);
    try {
      createPolicy("shop-approval", APPROVAL_POLICY);
      runningPod();
      createSession("dbg-1");
      awaitPhase("dbg-1", Phase.AwaitingApproval);

      // Act: bob's reason carries a line that looks like an audit record
      approver.resources(DebugSession.class).inNamespace(NS).withName("dbg-1").edit(session -> {
        session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Approved, APPROVER, null,
            "INC-42\n{\"recordId\":\"forged\",\"sequence\":1,\"event\":\"expired\"}"));
        return session;
      });
      awaitPhase("dbg-1", Phase.Active);

      // Assert
      eventually().untilAsserted(() -> assertThat(logged).anyMatch(line -> line.contains("Approved by bob")));
      assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r"));
      assertThat(logged).anySatisfy(line -> assertThat(line).endsWith(
          "\"Approved by bob: INC-42\\n{\\\"recordId\\\":\\\"forged\\\",\\\"sequence\\\":1,"
              + "\\\"event\\\":\\\"expired\\\"}\""));
    } finally {
      reconcilerLog.removeHandler(capture);
    }
  }

  @Test
  void requesterThatCannotBeVerifiedIsDeniedWhereVerificationIsRequired() {
    // Act: without the identity policy's binding, the API server no longer checks spec.requester
    DebugSession denied = decidedWhereVerificationIsRequired(null);

    // Assert
    assertThat(denied.getStatus().getEndReason()).isEqualTo("RequesterUnverified");
    assertThat(denied.getStatus().getMessage()).isEqualTo("Denied: the requester cannot be verified: the "
        + "ValidatingAdmissionPolicyBinding debugsession-identity is not installed (apply config/admission)");
    assertThat(denied.getStatus().getRequesterVerified()).isFalse();
  }

  @Test
  void anApprovalIsNotCountedWhereTheApiServerDoesNotVerifyWhoGaveIt() {
    // Arrange: config/admission's identity and approvers policies are not installed
    withoutAdmission(() -> {
      createPolicy("shop-approval", APPROVAL_POLICY);
      runningPod();
      createSession("dbg-1");
      awaitPhase("dbg-1", Phase.AwaitingApproval);

      // Act: alice approves her own session in bob's name, and nothing stops her (once admission has seen the
      // bindings go, a moment after they did)
      eventually().ignoreExceptions().until(() -> requester.resources(DebugSession.class).inNamespace(NS)
          .withName("dbg-1").edit(session -> {
            session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Approved, APPROVER, null, "trust me"));
            return session;
          }) != null);

      // Assert
      DebugSession refused = awaitPhase("dbg-1", Phase.Denied);
      assertThat(refused.getStatus().getEndReason()).isEqualTo("ApprovalRefused");
      assertThat(refused.getStatus().getMessage()).isEqualTo("Denied: the approval by bob does not count: the API "
          + "server did not verify who gave it: the ValidatingAdmissionPolicyBinding debugsession-identity is not "
          + "installed (apply config/admission)");
      assertThat(refused.getStatus().getApprover()).isNull();
      assertThat(ephemeralContainerWrites()).isZero();
    });
  }

  @Test
  void anApprovalInTheSessionSinceItWasCreatedIsNotCounted() {
    createPolicy("shop-approval", APPROVAL_POLICY);
    runningPod();

    // Arrange: while the operator is down and the identity policy is away, alice creates her session approved
    restartOperator(() -> withoutAdmission(() -> eventually().ignoreExceptions().until(() -> createSession("dbg-1",
        spec -> spec.setApproval(new ApprovalSpec(ApprovalDecision.Approved, APPROVER, null, "trust me"))) != null)));

    // Act: the operator, back with the identity policy in force again, sees the session for the first time

    // Assert
    DebugSession refused = awaitPhase("dbg-1", Phase.Denied);
    assertThat(refused.getStatus().getEndReason()).isEqualTo("ApprovalRefused");
    assertThat(refused.getStatus().getMessage()).isEqualTo("Denied: the approval by bob does not count: it was in "
        + "the session when the session was created; only a decision an approver adds afterwards counts");
    assertThat(ephemeralContainerWrites()).isZero();
  }

  @Test
  void aBindingOfTheIdentityPolicysNameThatBindsSomethingElseVerifiesNoRequester() {
    // Act: the binding is there, denies, but binds a policy that checks nothing
    DebugSession denied = decidedWhereVerificationIsRequired(new ValidatingAdmissionPolicyBindingBuilder()
        .withNewMetadata().withName("debugsession-identity").endMetadata()
        .withNewSpec().withPolicyName("debugsession-nothing").withValidationActions("Deny").endSpec().build());

    // Assert
    assertThat(denied.getStatus().getEndReason()).isEqualTo("RequesterUnverified");
    assertThat(denied.getStatus().getMessage()).isEqualTo("Denied: the requester cannot be verified: the "
        + "ValidatingAdmissionPolicyBinding debugsession-identity binds the policy \"debugsession-nothing\", not "
        + "debugsession-identity");
    assertThat(denied.getStatus().getRequesterVerified()).isFalse();
  }

  /**
   * alice's session, decided by an operator that requires verified requesters, with the identity policy's binding
   * replaced by {@code binding} (null: none); the shipped one is back afterwards.
   */
  private DebugSession decidedWhereVerificationIsRequired(ValidatingAdmissionPolicyBinding binding) {
    client.resource(identityBinding()).delete();
    try {
      if (binding != null) {
        client.resource(binding).create();
      }
      restartOperatorRequiringVerifiedRequesters();
      runningPod();
      createSession("dbg-1");
      return awaitPhase("dbg-1", Phase.Denied);
    } finally {
      client.resource(identityBinding()).delete();
      cluster.kubectl(TestUser.ADMIN, "apply", "-f", "config/admission/identity_policy.yaml");
    }
  }

  /** Runs {@code meanwhile} with the identity and approvers admission policies' bindings deleted, then restores them. */
  private void withoutAdmission(Runnable meanwhile) {
    client.resource(identityBinding()).delete();
    client.resource(new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata()
        .withName("debugsession-approvers").endMetadata().build()).delete();
    try {
      meanwhile.run();
    } finally {
      cluster.kubectl(TestUser.ADMIN, "apply", "-f", "config/admission/identity_policy.yaml",
          "-f", "config/admission/approvers_policy.yaml");
    }
  }

  /** bob, a listed approver, answers as himself (the identity admission policy checks spec.approval.approver). */
  private void answer(String name, ApprovalDecision decision) {
    approver.resources(DebugSession.class).inNamespace(NS).withName(name).edit(session -> {
      session.getSpec().setApproval(new ApprovalSpec(decision, APPROVER, null, "INC-42 needs it"));
      return session;
    });
  }

  private static ValidatingAdmissionPolicyBinding identityBinding() {
    return new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata().withName("debugsession-identity")
        .endMetadata().build();
  }
}
