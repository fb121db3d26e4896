package io.debugsession.operator.policy;

import io.debugsession.operator.lifecycle.PolicyVerdict;
import static io.debugsession.operator.policy.PolicyFixtures.list;
import static io.debugsession.operator.policy.PolicyFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.Profile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sessions requested by "rita"; approvers and their groups as the API server authenticated them. */
class ApprovalCheckTest {

  private static final String REQUESTER = "rita";
  private static final String PAYMENTS_PROD =
      "{approval: {required: true, approvers: {users: [alice], groups: [sre-leads]}}}";
  private static final String SECURITY =
      "{approval: {required: true, approvers: {users: [sam, alice], groups: [security, auditors]}}}";

  @ParameterizedTest(name = "{0} [{1}]")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      alice  | -                     | -
      bob    | sre-leads             | -
      bob    | developers;sre-leads  | -
      bob    | developers            | "bob" is not an approver under DebugPolicy "a" (approvers: users alice; groups sre-leads)
      bob    | -                     | "bob" is not an approver under DebugPolicy "a" (approvers: users alice; groups sre-leads)
      Alice  | -                     | "Alice" is not an approver under DebugPolicy "a" (approvers: users alice; groups sre-leads)
      """)
  void authorisesListedUsersAndMembersOfListedGroups(String approver, String groups, String refusal) {
    // Arrange
    PolicyVerdict verdict = verdict(PAYMENTS_PROD);

    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict, approver, list(groups), REQUESTER);

    // Assert
    assertThat(refused).isEqualTo(Optional.ofNullable(refusal));
  }

  @ParameterizedTest(name = "{0} [{1}]")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      alice  | -                  | -
      bob    | sre-leads;security | -
      sam    | sre-leads          | -
      sam    | -                  | "sam" is not an approver under DebugPolicy "a" (approvers: users alice; groups sre-leads)
      bob    | sre-leads          | "bob" is not an approver under DebugPolicy "b" (approvers: users sam, alice; groups security, auditors)
      bob    | -                  | "bob" is not an approver under DebugPolicy "a" (approvers: users alice; groups sre-leads); "bob" is not an approver under DebugPolicy "b" (approvers: users sam, alice; groups security, auditors)
      """)
  void everyPolicyThatRequiresApprovalMustAuthoriseTheApprover(String approver, String groups, String refusal) {
    // Arrange
    PolicyVerdict verdict = verdict(PAYMENTS_PROD, SECURITY, "{approval: {required: false}}");

    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict, approver, list(groups), REQUESTER);

    // Assert
    assertThat(refused).isEqualTo(Optional.ofNullable(refusal));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {approval: {required: true, approvers: {users: [alice, bob]}}}   | users alice, bob
      {approval: {required: true, approvers: {groups: [sre-leads]}}}   | groups sre-leads
      {approval: {required: true}}                                     | none
      """)
  void quotesTheApproversOfThePolicy(String policy, String approvers) {
    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict(policy), "mallory", List.of("developers"), REQUESTER);

    // Assert
    assertThat(refused).contains("\"mallory\" is not an approver under DebugPolicy \"a\" (approvers: " + approvers
        + ")");
  }

  @Test
  void theRequesterCannotApproveTheirOwnSessionEvenWhenListed() {
    // Arrange
    PolicyVerdict verdict = verdict("{approval: {required: true, approvers: {users: [rita], groups: [sre-leads]}}}");

    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict, REQUESTER, List.of("sre-leads"), REQUESTER);

    // Assert
    assertThat(refused).contains("the requester cannot approve their own session");
  }

  @ParameterizedTest(name = "requester \"{0}\"")
  @CsvSource(value = {"''", "' '"}, nullValues = "-")
  void noOneApprovesASessionWithoutAVerifiedRequester(String requester) {
    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict(PAYMENTS_PROD), "alice", List.of(), requester);

    // Assert
    assertThat(refused).contains("the session has no verified requester, so no one can approve it");
  }

  @Test
  void noOneApprovesASessionWithoutAnyRequester() {
    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict(PAYMENTS_PROD), "alice", List.of(), null);

    // Assert
    assertThat(refused).contains("the session has no verified requester, so no one can approve it");
  }

  @Test
  void anUnknownApproverIsRefused() {
    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict(PAYMENTS_PROD), null, null, REQUESTER);

    // Assert
    assertThat(refused).contains("the approver is not known");
  }

  @Test
  void nothingToRefuseWhenNoPolicyRequiresApproval() {
    // Act
    Optional<String> refused = ApprovalCheck.authorise(verdict("{approval: {required: false}}"), "bob", null, "bob");

    // Assert
    assertThat(refused).isEmpty();
  }

  private static PolicyVerdict verdict(String... policies) {
    return PolicyEvaluator.evaluate(session("busybox", Profile.BASELINE, null), "payments", Map.of(),
        PolicyFixtures.policies(policies));
  }

  // --- only what the API server verified

  @Test
  void aDecisionAddedByAnUpdateWhereTheIdentityPolicyIsInForceIsVerified() {
    assertThat(ApprovalCheck.unverified(new IdentityAdmission(null), 2L)).isEmpty();
  }

  @Test
  void noDecisionIsVerifiedWhereTheIdentityPolicyIsNotInForce() {
    // Without it, a requester who writes approver: bob is not refused by anyone.
    IdentityAdmission none = IdentityAdmission.notEnforced(
        "the ValidatingAdmissionPolicyBinding debugsession-identity is not installed (apply config/admission)");

    assertThat(ApprovalCheck.unverified(none, 2L)).contains("the API server did not verify who gave it: the "
        + "ValidatingAdmissionPolicyBinding debugsession-identity is not installed (apply config/admission)");
  }

  @ParameterizedTest(name = "generation {0}")
  @CsvSource(nullValues = "-", value = {"1", "-"})
  void aDecisionInTheSpecSinceCreationIsNotVerified(Long generation) {
    assertThat(ApprovalCheck.unverified(new IdentityAdmission(null), generation)).contains("it was in the session "
        + "when the session was created; only a decision an approver adds afterwards counts");
  }
}
