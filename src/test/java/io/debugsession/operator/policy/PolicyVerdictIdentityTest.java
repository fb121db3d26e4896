package io.debugsession.operator.policy;

import static io.debugsession.operator.policy.PolicyFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The verdict on a session as far as identities go: whose decision in spec.approval counts, who may approve it. */
class PolicyVerdictIdentityTest {

  private static final String BY_BOB = "{approval: {required: true, approvers: {users: [bob], groups: [sre-leads]}}}";
  private static final IdentityAdmission VERIFIED = new IdentityAdmission(null);

  @ParameterizedTest
  @EnumSource(ApprovalDecision.class)
  void aDecisionByAnApproverThePolicyDoesNotListDoesNotCount(ApprovalDecision decision) {
    // A denial ends the session as surely as an approval starts it: both need an approver the policy lists.
    PolicyVerdict verdict = verdict(decided(decision, "carol"), 2L, VERIFIED, BY_BOB);

    assertThat(verdict.approvalRefusal()).isEqualTo(
        "\"carol\" is not an approver under DebugPolicy \"a\" (approvers: users bob; groups sre-leads)");
    assertThat(verdict.approvalCounts(decided(decision, "carol"))).isFalse();
  }

  @ParameterizedTest
  @EnumSource(ApprovalDecision.class)
  void aDecisionByAListedApproverCounts(ApprovalDecision decision) {
    PolicyVerdict verdict = verdict(decided(decision, "bob"), 2L, VERIFIED, BY_BOB);

    assertThat(verdict.approvalRefusal()).isNull();
  }

  @Test
  void aDecisionTheApiServerDidNotVerifyDoesNotCountWhoeverItNames() {
    PolicyVerdict verdict = verdict(decided(ApprovalDecision.Approved, "bob"), 2L,
        IdentityAdmission.notEnforced("the ValidatingAdmissionPolicy debugsession-identity is not installed "
            + "(apply config/admission)"), BY_BOB);

    assertThat(verdict.approvalRefusal()).isEqualTo("the API server did not verify who gave it: the "
        + "ValidatingAdmissionPolicy debugsession-identity is not installed (apply config/admission)");
    assertThat(verdict.requesterVerified()).isFalse();
  }

  @Test
  void whoMayApproveIsInTheVerdictOnePolicyAtATime() {
    PolicyVerdict verdict = verdict(spec(), 1L, VERIFIED, BY_BOB,
        "{approval: {required: true, approvers: {users: [sam]}}}", "{approval: {required: false}}");

    assertThat(verdict.approvers()).containsExactly(
        new PolicyApprovers("a", List.of("bob"), List.of("sre-leads")),
        new PolicyApprovers("b", List.of("sam"), null));
  }

  private static PolicyVerdict verdict(DebugSessionSpec spec, Long generation, IdentityAdmission identity,
      String... policies) {
    return PolicyEvaluator.evaluate(spec, generation, "payments", Map.of(), PolicyFixtures.policies(policies), identity);
  }

  private static DebugSessionSpec decided(ApprovalDecision decision, String approver) {
    DebugSessionSpec spec = spec();
    spec.setApproval(new ApprovalSpec(decision, approver, null, "INC-42"));
    return spec;
  }

  private static DebugSessionSpec spec() {
    DebugSessionSpec spec = session("busybox", Profile.BASELINE, null);
    spec.setRequester("rita");
    return spec;
  }
}
