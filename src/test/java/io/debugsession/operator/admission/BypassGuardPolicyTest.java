package io.debugsession.operator.admission;

import static io.debugsession.operator.admission.AdmissionFixtures.AUTHENTICATED;
import static io.debugsession.operator.admission.AdmissionFixtures.OPERATOR;
import static io.debugsession.operator.admission.AdmissionFixtures.addEphemeralContainer;
import static io.debugsession.operator.admission.AdmissionFixtures.shippedConfigMap;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** debugsession-bypass-guard: ephemeral containers are added by the operator only, unless switched off. */
class BypassGuardPolicyTest {

  private static final AdmissionPolicy POLICY = AdmissionPolicy.load("bypass_guard_policy.yaml");
  private static final AdmissionRequest ADD = addEphemeralContainer("pods", "ephemeralcontainers");
  private static final String CLUSTER_ADMIN = "kubernetes-admin";
  private static final String MASTERS = "system:masters";

  @Test
  void matchesUpdatesOfTheEphemeralContainersSubresource() {
    // Act
    JsonNode rules = POLICY.spec().at("/matchConstraints/resourceRules");

    // Assert
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).path("resources").valueStream().map(JsonNode::asString))
        .containsExactly("pods/ephemeralcontainers");
    assertThat(rules.get(0).path("operations").valueStream().map(JsonNode::asString)).containsExactly("UPDATE");
  }

  @Test
  void refusesClusterAdmin() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(ADD.by(CLUSTER_ADMIN, MASTERS, AUTHENTICATED), shippedConfigMap());

    // Assert
    assertThat(verdict).isEqualTo(refusal("ephemeral containers are added through a DebugSession (policy, TTL and "
        + "audit); kubernetes-admin may not add one directly"));
  }

  @Test
  void admitsOperator() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(ADD.by(OPERATOR, "system:serviceaccounts", AUTHENTICATED),
        shippedConfigMap());

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void admitsEveryoneWhenDisabled() {
    // Act
    AdmissionVerdict verdict =
        POLICY.admit(ADD.by(CLUSTER_ADMIN, MASTERS, AUTHENTICATED), shippedConfigMap("bypassGuard", "disabled"));

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void staysOnForAnyOtherSetting() {
    // Act
    AdmissionVerdict verdict =
        POLICY.admit(ADD.by(CLUSTER_ADMIN, MASTERS, AUTHENTICATED), shippedConfigMap("bypassGuard", "off"));

    // Assert
    assertThat(verdict.allowed()).isFalse();
  }

  @Test
  void admitsEveryListedUser() {
    // Arrange
    JsonNode twoUsers = shippedConfigMap("operatorUsers", OPERATOR + " , break-glass@example.com,");

    // Act
    AdmissionVerdict verdict = POLICY.admit(ADD.by("break-glass@example.com", AUTHENTICATED), twoUsers);

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  @Test
  void refusesOperatorWhenNoUserIsListed() {
    // Act
    AdmissionVerdict verdict =
        POLICY.admit(ADD.by(OPERATOR, AUTHENTICATED), shippedConfigMap("operatorUsers", null));

    // Assert
    assertThat(verdict).isEqualTo(refusal("ephemeral containers are added through a DebugSession (policy, TTL and "
        + "audit); " + OPERATOR + " may not add one directly"));
  }

  @Test
  void failsClosedWithoutItsConfigMap() {
    // Act
    AdmissionVerdict verdict = POLICY.admit(ADD.by(OPERATOR, AUTHENTICATED));

    // Assert
    assertThat(verdict).isEqualTo(refusal(
        "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction"));
  }

  @Test
  void leavesOtherPodUpdatesAlone() {
    // Act: the pod resource itself (which refuses ephemeral-container changes on its own)
    AdmissionVerdict verdict =
        POLICY.admit(addEphemeralContainer("pods", "").by(CLUSTER_ADMIN, MASTERS), shippedConfigMap());

    // Assert
    assertThat(verdict).isEqualTo(AdmissionVerdict.ADMITTED);
  }

  private static AdmissionVerdict refusal(String message) {
    return AdmissionVerdict.denied("debugsession-bypass-guard", "debugsession-bypass-guard", "", message);
  }
}
