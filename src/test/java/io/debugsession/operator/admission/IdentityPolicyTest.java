package io.debugsession.operator.admission;

import static io.debugsession.operator.admission.AdmissionFixtures.AUTHENTICATED;
import static io.debugsession.operator.admission.AdmissionFixtures.OPERATOR;
import static io.debugsession.operator.admission.AdmissionFixtures.create;
import static io.debugsession.operator.admission.AdmissionFixtures.session;
import static io.debugsession.operator.admission.AdmissionFixtures.update;
import static io.debugsession.operator.admission.AdmissionFixtures.updateStatus;
import static io.debugsession.operator.admission.AdmissionFixtures.withApproval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** debugsession-identity: spec.requester and spec.approval.approver are the authenticated user. */
class IdentityPolicyTest {

  private static final AdmissionPolicy POLICY = AdmissionPolicy.load("identity_policy.yaml");

  @Test
  void refusesForgedRequester() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(create(session("alice")).by("mallory", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal("spec.requester must be your own user name: set it to \"mallory\""));
  }

  @Test
  void refusesSessionWithoutRequester() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(create(session(null)).by("alice", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal("spec.requester must be your own user name: set it to \"alice\""));
  }

  @Test
  void admitsRequesterWhoIsTheUser() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(create(session("alice")).by("alice", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void refusesSessionCreatedWithApproval() {
    // Arrange
    JsonNode preApproved = withApproval(session("alice"), "Approved", "alice");

    // Act
    AdmissionVerdict verdict = POLICY.admit(create(preApproved).by("alice", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal(
        "a DebugSession cannot be created with spec.approval: an approver sets it once the session exists"));
  }

  @Test
  void refusesSelfApproval() {
    // Arrange
    JsonNode session = session("alice");

    // Act
    AdmissionVerdict verdict =
        POLICY.admit(update(session, withApproval(session, "Approved", "alice")).by("alice", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal("the requester cannot approve their own session"));
  }

  @Test
  void refusesForgedApprover() {
    // Arrange
    JsonNode session = session("carol");

    // Act
    AdmissionVerdict verdict =
        POLICY.admit(update(session, withApproval(session, "Approved", "alice")).by("mallory", AUTHENTICATED));

    // Assert
    assertThat(verdict)
        .isEqualTo(refusal("spec.approval.approver must be your own user name: set it to \"mallory\""));
  }

  @Test
  void refusesApprovalWithoutApprover() {
    // Arrange
    JsonNode session = session("carol");
    ObjectNode approval = withApproval(session, "Approved", "bob");
    ((ObjectNode) approval.at("/spec/approval")).remove("approver");

    // Act
    AdmissionVerdict verdict = POLICY.admit(update(session, approval).by("bob", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal("spec.approval.approver must be your own user name: set it to \"bob\""));
  }

  @Test
  void refusesApprovalNamingGroupsTheApproverIsNotIn() {
    // Arrange
    JsonNode session = session("carol");
    JsonNode approval = withApproval(session, "Approved", "bob", "sre-leads", "platform", "security");

    // Act
    AdmissionVerdict verdict = POLICY.admit(update(session, approval).by("bob", AUTHENTICATED, "platform"));

    // Assert
    assertThat(verdict).isEqualTo(
        refusal("spec.approval.groups may only name groups you belong to; you are not in: sre-leads, security"));
  }

  @Test
  void refusesApprovalNamingGroupsByUserWithoutGroups() {
    // Arrange
    JsonNode session = session("carol");

    // Act
    AdmissionVerdict verdict =
        POLICY.admit(update(session, withApproval(session, "Approved", "bob", "sre-leads")).by("bob"));

    // Assert
    assertThat(verdict)
        .isEqualTo(refusal("spec.approval.groups may only name groups you belong to; you are not in: sre-leads"));
  }

  @Test
  void admitsApprovalByAnotherUserInTheNamedGroups() {
    // Arrange
    JsonNode session = session("carol");
    JsonNode approval = withApproval(session, "Approved", "bob", "sre-leads");

    // Act
    AdmissionVerdict verdict = POLICY.admit(update(session, approval).by("bob", AUTHENTICATED, "sre-leads"));

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void refusesDenialByTheRequester() {
    // Arrange
    JsonNode session = session("alice");

    // Act
    AdmissionVerdict verdict =
        POLICY.admit(update(session, withApproval(session, "Denied", "alice")).by("alice", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal("the requester cannot approve their own session"));
  }

  @Test
  void admitsOperatorUpdateThatLeavesSpecAlone() {
    // Arrange
    JsonNode approved = withApproval(session("alice"), "Approved", "bob");
    ObjectNode withFinalizer = (ObjectNode) approved.deepCopy();
    ((ObjectNode) withFinalizer.get("metadata")).putArray("finalizers").add("debugsession.io/audit");

    // Act
    AdmissionVerdict verdict = POLICY.admit(update(approved, withFinalizer).by(OPERATOR, AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void doesNotCheckStatusWrites() {
    // Arrange: a status write by the operator, with a spec that the main resource would refuse
    JsonNode session = session("alice");

    // Act
    AdmissionVerdict verdict =
        POLICY.admit(updateStatus(session, withApproval(session, "Approved", "alice")).by(OPERATOR));

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  private static AdmissionVerdict refusal(String message) {
    return AdmissionVerdict.denied("debugsession-identity", "debugsession-identity", "", message);
  }
}
