package io.debugsession.operator.admission;

import static io.debugsession.operator.admission.AdmissionFixtures.AUTHENTICATED;
import static io.debugsession.operator.admission.AdmissionFixtures.NAMESPACE;
import static io.debugsession.operator.admission.AdmissionFixtures.debugPolicy;
import static io.debugsession.operator.admission.AdmissionFixtures.namespace;
import static io.debugsession.operator.admission.AdmissionFixtures.session;
import static io.debugsession.operator.admission.AdmissionFixtures.update;
import static io.debugsession.operator.admission.AdmissionFixtures.withApproval;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** debugsession-approvers: only an approver named by a DebugPolicy that governs the namespace may approve. */
class ApproversPolicyTest {

  private static final AdmissionPolicy POLICY = AdmissionPolicy.load("approvers_policy.yaml");

  private static final JsonNode SHOP_POLICY = debugPolicy("shop-approval", """
      namespaces: [shop]
      approval:
        required: true
        approvers:
          users: [bob]
          groups: [sre-leads]
      """);

  private static final String CAROL_REFUSED = "DebugPolicy \"shop-approval\" requires approval in namespace \"shop\" "
      + "by one of its approvers: carol is not in its spec.approval.approvers.users, nor in any of its "
      + "spec.approval.approvers.groups";

  @Test
  void refusesApproverNotListed() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED, "developers"), SHOP_POLICY);

    // Assert
    assertThat(verdict).isEqualTo(refusal(CAROL_REFUSED));
  }

  @Test
  void admitsApproverListedByUser() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("bob", AUTHENTICATED), SHOP_POLICY);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void admitsApproverListedByGroup() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("dave", AUTHENTICATED, "sre-leads"), SHOP_POLICY);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void ignoresPolicyThatDoesNotGovernTheNamespace() {
    // Arrange
    JsonNode payments = debugPolicy("payments-approval", """
        namespaces: [payments]
        approval:
          required: true
          approvers:
            users: [bob]
        """);

    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED), payments);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void refusesByTheGoverningPolicyAmongOthers() {
    // Arrange
    JsonNode payments = debugPolicy("payments-approval", """
        namespaces: [payments]
        approval:
          required: true
          approvers:
            users: [carol]
        """);

    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED), payments, SHOP_POLICY);

    // Assert
    assertThat(verdict).isEqualTo(refusal(CAROL_REFUSED));
  }

  @Test
  void appliesPolicyWithoutNamespacesToEveryNamespace() {
    // Arrange
    JsonNode everywhere = debugPolicy("shop-approval", """
        approval:
          required: true
          approvers:
            users: [bob]
        """);

    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED), everywhere);

    // Assert
    assertThat(verdict).isEqualTo(refusal(CAROL_REFUSED));
  }

  @Test
  void appliesPolicyToNamespacesItsSelectorMatches() {
    // Arrange
    JsonNode production = debugPolicy("shop-approval", """
        namespaceSelector:
          matchLabels:
            tier: production
        approval:
          required: true
          approvers:
            users: [bob]
        """);
    JsonNode shop = namespace(NAMESPACE, Map.of("tier", "production", "team", "checkout"));

    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", shop), production);

    // Assert
    assertThat(verdict).isEqualTo(refusal(CAROL_REFUSED));
  }

  @Test
  void ignoresPolicyWhoseSelectorDoesNotMatch() {
    // Arrange
    JsonNode production = debugPolicy("production-approval", """
        namespaceSelector:
          matchLabels:
            tier: production
        approval:
          required: true
          approvers:
            users: [bob]
        """);

    // Act
    AdmissionVerdict verdict =
        POLICY.admit(approval("carol", namespace(NAMESPACE, Map.of("tier", "staging"))), production);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void doesNotEvaluateSelectorMatchExpressions() {
    // Arrange: the operator would find that this policy does not govern shop; admission cannot tell
    JsonNode notShop = debugPolicy("shop-approval", """
        namespaceSelector:
          matchExpressions:
          - {key: kubernetes.io/metadata.name, operator: NotIn, values: [shop]}
        approval:
          required: true
          approvers:
            users: [bob]
        """);

    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED), notShop);

    // Assert
    assertThat(verdict).isEqualTo(refusal(CAROL_REFUSED));
  }

  @Test
  void ignoresPolicyThatDoesNotRequireApproval() {
    // Arrange
    JsonNode optional = debugPolicy("shop-approval", """
        namespaces: [shop]
        approval:
          required: false
          approvers:
            users: [bob]
        """);

    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED), optional);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void doesNotCheckDenials() {
    // Arrange
    JsonNode session = session("alice");

    // Act
    AdmissionVerdict verdict = POLICY.admit(
        update(session, withApproval(session, "Denied", "carol")).by("carol", AUTHENTICATED), SHOP_POLICY);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void admitsWhenThereIsNoDebugPolicy() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(approval("carol", AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  /** {@code user}, in {@code groups}, approving alice's session in {@link AdmissionFixtures#NAMESPACE}. */
  private static AdmissionRequest approval(String user, String... groups) {
    JsonNode session = session("alice");
    return update(session, withApproval(session, "Approved", user)).by(user, groups);
  }

  /** {@code user}, authenticated, approving alice's session in the namespace {@code namespaceObject}. */
  private static AdmissionRequest approval(String user, JsonNode namespaceObject) {
    JsonNode session = session("alice");
    return update(session, withApproval(session, "Approved", user), namespaceObject).by(user, AUTHENTICATED);
  }

  private static AdmissionVerdict refusal(String message) {
    return AdmissionVerdict.denied("debugsession-approvers", "debugsession-approvers", "", message);
  }
}
