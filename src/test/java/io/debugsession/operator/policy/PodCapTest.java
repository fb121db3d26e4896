package io.debugsession.operator.policy;

import io.debugsession.operator.lifecycle.PolicyVerdict;
import static io.debugsession.operator.policy.PolicyFixtures.policy;
import static io.debugsession.operator.policy.PolicyFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.Profile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limit on ephemeral containers per pod, checked against the pod as read just before adding one. */
class PodCapTest {

  @ParameterizedTest(name = "{0} of {1}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      0  | 5 | -
      4  | 5 | -
      5  | 5 | pod "checkout" already has 5 ephemeral containers, the maximum under DebugPolicy "payments-prod"; delete or restart the pod to clear them
      7  | 5 | pod "checkout" already has 7 ephemeral containers, more than the maximum 5 under DebugPolicy "payments-prod"; delete or restart the pod to clear them
      1  | 1 | pod "checkout" already has 1 ephemeral container, the maximum under DebugPolicy "payments-prod"; delete or restart the pod to clear them
      """)
  void deniesAPodThatHoldsTheMaximum(int inPod, int max, String reason) {
    // Arrange
    DebugPolicy policy = policy("payments-prod", "{maxEphemeralContainersPerPod: " + max + "}");
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session("busybox", Profile.BASELINE, null), "payments", Map.of(),
        List.of(policy));

    // Act
    Optional<String> denial = verdict.podCapDenial("checkout", inPod);

    // Assert
    assertThat(denial).isEqualTo(Optional.ofNullable(reason));
  }

  @ParameterizedTest(name = "{0} / {1}: {2} in pod")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      -                                  | -                                  | 10 | pod "checkout" already has 10 ephemeral containers, the maximum under the built-in default policy; delete or restart the pod to clear them
      {maxEphemeralContainersPerPod: 3}  | {maxEphemeralContainersPerPod: 8}  | 3  | pod "checkout" already has 3 ephemeral containers, the maximum under DebugPolicy "a"; delete or restart the pod to clear them
      {maxEphemeralContainersPerPod: 3}  | {maxEphemeralContainersPerPod: 3}  | 3  | pod "checkout" already has 3 ephemeral containers, the maximum under DebugPolicy "a", DebugPolicy "b"; delete or restart the pod to clear them
      {maxEphemeralContainersPerPod: 20} | {}                                 | 10 | pod "checkout" already has 10 ephemeral containers, the maximum under DebugPolicy "b"; delete or restart the pod to clear them
      {maxEphemeralContainersPerPod: 20} | {}                                 | 9  | -
      """)
  void namesThePoliciesThatSetTheMaximum(String a, String b, int inPod, String reason) {
    // Arrange
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session("busybox", Profile.BASELINE, null), "payments", Map.of(),
        PolicyFixtures.policies(a, b));

    // Act
    Optional<String> denial = verdict.podCapDenial("checkout", inPod);

    // Assert
    assertThat(denial).isEqualTo(Optional.ofNullable(reason));
  }
}
