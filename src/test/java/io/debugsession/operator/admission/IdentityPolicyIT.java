package io.debugsession.operator.admission;

import static io.debugsession.operator.admission.SessionRequests.SESSION;
import static io.debugsession.operator.admission.SessionRequests.approve;
import static io.debugsession.operator.admission.SessionRequests.create;
import static io.debugsession.operator.admission.SessionRequests.session;
import static io.debugsession.operator.admission.SessionRequests.withApproval;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.debugsession.operator.testsupport.cluster.Refusal;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * debugsession-identity on the real API server: spec.requester and spec.approval.approver are the authenticated user,
 * whatever the client typed. alice asks for sessions, bob approves; mallory is given the requester's role here, so
 * that what stops her is admission, not RBAC.
 */
class IdentityPolicyIT extends AdmissionTestBase {

  private static final String POLICY = "debugsession-identity";

  IdentityPolicyIT() {
    super("admission-identity");
  }

  @BeforeEach
  void letMalloryAskForSessions() {
    grant(namespace, "debugsession-requester", TestUser.NOBODY.userName());
  }

  @Test
  void refusesForgedRequester() {
    // Act
    Optional<String> refusal = create(as(TestUser.NOBODY), session(namespace, "alice"));

    // Assert
    assertThat(refusal).contains(refusal("spec.requester must be your own user name: set it to \"mallory\""));
  }

  @Test
  void refusesSessionWithoutRequester() {
    // Act
    Optional<String> refusal = create(as(TestUser.REQUESTER), session(namespace, null));

    // Assert
    assertThat(refusal).contains(refusal("spec.requester must be your own user name: set it to \"alice\""));
  }

  @Test
  void admitsRequesterWhoIsTheUser() {
    // Act
    Optional<String> refusal = create(as(TestUser.REQUESTER), session(namespace, "alice"));

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void refusesSessionCreatedWithApproval() {
    // Arrange
    DebugSession preApproved = withApproval(session(namespace, "alice"), ApprovalDecision.Approved, "alice");

    // Act
    Optional<String> refusal = create(as(TestUser.REQUESTER), preApproved);

    // Assert
    assertThat(refusal).contains(refusal(
        "a DebugSession cannot be created with spec.approval: an approver sets it once the session exists"));
  }

  @ParameterizedTest
  @EnumSource(ApprovalDecision.class)
  void refusesTheRequestersDecisionOnTheirOwnSession(ApprovalDecision decision) {
    // Arrange
    alicesSession();

    // Act
    Optional<String> refusal = approve(as(TestUser.REQUESTER), namespace, decision, "alice");

    // Assert
    assertThat(refusal).contains(refusal("the requester cannot approve their own session"));
  }

  @Test
  void refusesForgedApprover() {
    // Arrange
    alicesSession();

    // Act: bob approves in carol's name
    Optional<String> refusal = approve(as(TestUser.APPROVER), namespace, ApprovalDecision.Approved, "carol");

    // Assert
    assertThat(refusal).contains(refusal("spec.approval.approver must be your own user name: set it to \"bob\""));
  }

  @Test
  void refusesApprovalWithoutApprover() {
    // Arrange
    alicesSession();

    // Act
    Optional<String> refusal = approve(as(TestUser.APPROVER), namespace, ApprovalDecision.Approved, null);

    // Assert: the CRD's schema requires approval.approver, and it is checked before admission
    assertThat(refusal).contains("DebugSession.debugsession.io \"" + SESSION + "\" is invalid: "
        + "[spec.approval.approver: Required value, <nil>: Invalid value: null: some validation rules were not "
        + "checked because the object was invalid; correct the existing errors to complete validation]");
  }

  @Test
  void refusesApprovalNamingGroupsTheApproverIsNotIn() {
    // Arrange
    alicesSession();

    // Act
    Optional<String> refusal = approve(impersonating("bob", "platform"), namespace, ApprovalDecision.Approved, "bob",
        "sre-leads", "platform", "security");

    // Assert
    assertThat(refusal).contains(
        refusal("spec.approval.groups may only name groups you belong to; you are not in: sre-leads, security"));
  }

  @Test
  void refusesApprovalNamingGroupsByUserWithoutGroups() {
    // Arrange
    alicesSession();

    // Act: bob with no group but system:authenticated, which the server gives every authenticated user
    Optional<String> refusal = approve(impersonating("bob"), namespace, ApprovalDecision.Approved, "bob", "sre-leads");

    // Assert
    assertThat(refusal)
        .contains(refusal("spec.approval.groups may only name groups you belong to; you are not in: sre-leads"));
  }

  @Test
  void admitsApprovalByAnotherUserInTheNamedGroups() {
    // Arrange
    alicesSession();

    // Act: bob, authenticated in sre-leads
    Optional<String> refusal = approve(as(TestUser.APPROVER), namespace, ApprovalDecision.Approved, "bob",
        "sre-leads");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsOperatorUpdateThatLeavesSpecAlone() {
    // Arrange: alice's session, approved by bob
    alicesSession();
    as(TestUser.APPROVER).resources(DebugSession.class).inNamespace(namespace).withName(SESSION)
        .edit(s -> withApproval(s, ApprovalDecision.Approved, "bob"));

    // Act
    Optional<String> refusal = Refusal.message(() -> asOperator().resources(DebugSession.class)
        .inNamespace(namespace).withName(SESSION).dryRun()
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":[\"debugsession.io/audit\"]}}"));

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void doesNotCheckStatusWrites() {
    // Arrange
    alicesSession();

    // Act: the operator's status write (the status subresource keeps spec as it is)
    Optional<String> refusal = Refusal.message(() -> asOperator().resources(DebugSession.class)
        .inNamespace(namespace).withName(SESSION).dryRun().subresource("status")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Pending\"}}"));

    // Assert
    assertThat(refusal).isEmpty();
  }

  // --- ending a session early: its requester, or an approver of it who names themselves

  @Test
  void admitsTheRequesterEndingTheirSession() {
    // Arrange
    alicesSession();

    // Act
    Optional<String> refusal = end(as(TestUser.REQUESTER), null);

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsTheRequesterNamingThemselvesAsWhoEnds() {
    // Arrange
    alicesSession();

    // Act
    Optional<String> refusal = end(as(TestUser.REQUESTER), "alice");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void refusesEndBySomeoneWhoIsNeitherRequesterNorApprover() {
    // Arrange: mallory may patch sessions (the requester's role), but this one is not hers
    alicesSession();

    // Act
    Optional<String> refusal = end(as(TestUser.NOBODY), "mallory");

    // Assert
    assertThat(refusal).contains(refusal("only the requester (alice) or an approver of this session may end it"));
  }

  @Test
  void refusesEndNamingSomeoneElse() {
    // Arrange
    alicesSession();

    // Act: alice ends it in bob's name
    Optional<String> refusal = end(as(TestUser.REQUESTER), "bob");

    // Assert
    assertThat(refusal).contains(refusal("spec.endedBy must be your own user name: set it to \"alice\""));
  }

  @Test
  void refusesEndByAnApproverOfAnotherSessionOnly() {
    // Arrange: bob may approve elsewhere, but no policy governing this session names him
    alicesSession();

    // Act
    Optional<String> refusal = end(as(TestUser.APPROVER), "bob");

    // Assert
    assertThat(refusal).contains(refusal("only the requester (alice) or an approver of this session may end it"));
  }

  @Test
  void admitsEndByAnApproverOfTheSessionWhoNamesThemselves() {
    // Arrange: the operator found bob among the approvers of the policy that governs the session
    alicesSession();
    approversInStatus(approvers("team-approval", List.of("bob"), List.of()));

    // Act
    Optional<String> refusal = end(as(TestUser.APPROVER), "bob");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsEndByAMemberOfAnApproverGroupOfEveryPolicy() {
    // Arrange
    alicesSession();
    approversInStatus(approvers("team-approval", List.of(), List.of("sre-leads")),
        approvers("security", List.of("sam"), List.of("sre-leads", "security")));

    // Act: bob is in sre-leads
    Optional<String> refusal = end(as(TestUser.APPROVER), "bob");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void refusesEndByAnApproverOfOnlyOneOfThePolicies() {
    // Arrange
    alicesSession();
    approversInStatus(approvers("team-approval", List.of("bob"), List.of()),
        approvers("security", List.of("sam"), List.of("security")));

    // Act
    Optional<String> refusal = end(as(TestUser.APPROVER), "bob");

    // Assert
    assertThat(refusal).contains(refusal("only the requester (alice) or an approver of this session may end it"));
  }

  @Test
  void refusesEndByAnApproverWhoDoesNotNameThemselves() {
    // Arrange: without spec.endedBy, the operator would record the requester as the one who ended it
    alicesSession();
    approversInStatus(approvers("team-approval", List.of("bob"), List.of()));

    // Act
    Optional<String> refusal = end(as(TestUser.APPROVER), null);

    // Assert
    assertThat(refusal).contains(
        refusal("an approver who ends a session names themselves: set spec.endedBy to \"bob\""));
  }

  @Test
  void refusesAClusterAdministratorEndingSomeonesSession() {
    // Arrange: an administrator who must stop a session deletes it (the operator stops its debugger first)
    alicesSession();

    // Act
    Optional<String> refusal = end(admin, "admin");

    // Assert
    assertThat(refusal).contains(refusal("only the requester (alice) or an approver of this session may end it"));
  }

  /** Why the server refuses {@code user}'s patch (a dry run) that ends the session, naming {@code endedBy}. */
  private Optional<String> end(KubernetesClient user, String endedBy) {
    Map<String, Object> spec = new java.util.HashMap<>(Map.of("end", true));
    if (endedBy != null) {
      spec.put("endedBy", endedBy);
    }
    String patch = user.getKubernetesSerialization().asJson(Map.of("spec", spec));
    return Refusal.message(() -> user.resources(DebugSession.class).inNamespace(namespace).withName(SESSION)
        .dryRun().patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }

  /** Writes status.approvers as the operator does when it decides a session (people cannot write status). */
  private void approversInStatus(PolicyApprovers... approvers) {
    DebugSession session = admin.resources(DebugSession.class).inNamespace(namespace).withName(SESSION).get();
    DebugSessionStatus status = new DebugSessionStatus();
    status.setApprovers(List.of(approvers));
    session.setStatus(status);
    admin.resource(session).updateStatus();
  }

  private static PolicyApprovers approvers(String policy, List<String> users, List<String> groups) {
    return new PolicyApprovers(policy, users, groups);
  }

  /** alice's session, created by alice. */
  private void alicesSession() {
    as(TestUser.REQUESTER).resource(session(namespace, "alice")).create();
  }

  private static String refusal(String message) {
    return SessionRequests.refusal(POLICY, message);
  }
}
