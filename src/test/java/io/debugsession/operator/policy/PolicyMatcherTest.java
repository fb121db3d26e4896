package io.debugsession.operator.policy;

import static io.debugsession.operator.policy.PolicyFixtures.labels;
import static io.debugsession.operator.policy.PolicyFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyMatcherTest {

  @ParameterizedTest(name = "{0} governs {1} [{2}]: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {}                                                     | payments | team=payments | true
      {ttl: {max: 1h}}                                       | kube-system |             | true
      {namespaces: [payments]}                               | payments |               | true
      {namespaces: [payments, checkout]}                     | checkout |               | true
      {namespaces: [payments]}                               | payments-dev | team=payments | false
      {namespaces: []}                                       | anything |               | true
      {namespaceSelector: {}}                                | anything |               | true
      {namespaceSelector: {matchLabels: {team: payments}}}   | shop     | team=payments | true
      {namespaceSelector: {matchLabels: {team: payments}}}   | shop     | team=checkout | false
      {namespaceSelector: {matchLabels: {team: payments}}}   | shop     |               | false
      {namespaceSelector: {matchLabels: {team: payments, env: prod}}} | shop | team=payments,env=prod | true
      {namespaceSelector: {matchLabels: {team: payments, env: prod}}} | shop | team=payments | false
      {namespaces: [payments], namespaceSelector: {matchLabels: {env: prod}}} | payments | env=dev  | true
      {namespaces: [payments], namespaceSelector: {matchLabels: {env: prod}}} | shop     | env=prod | true
      {namespaces: [payments], namespaceSelector: {matchLabels: {env: prod}}} | shop     | env=dev  | false
      {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: payments}}} | payments | kubernetes.io/metadata.name=payments | true
      """)
  void governsByNameBySelectorByEitherOrEverywhere(
      String spec, String namespace, String namespaceLabels, boolean governs) {
    // Arrange
    DebugPolicy policy = policy("payments-prod", spec);

    // Act
    boolean governed = PolicyMatcher.governs(policy, namespace, labels(namespaceLabels));

    // Assert
    assertThat(governed).isEqualTo(governs);
  }

  @ParameterizedTest(name = "{0} [{1}]: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {key: env, operator: In, values: [prod, staging]}     | env=prod        | true
      {key: env, operator: In, values: [prod, staging]}     | env=dev         | false
      {key: env, operator: In, values: [prod, staging]}     |                 | false
      {key: env, operator: NotIn, values: [prod, staging]}  | env=prod        | false
      {key: env, operator: NotIn, values: [prod, staging]}  | env=dev         | true
      {key: env, operator: NotIn, values: [prod, staging]}  |                 | true
      {key: env, operator: Exists}                          | env=            | true
      {key: env, operator: Exists}                          | team=payments   | false
      {key: env, operator: DoesNotExist}                    | env=prod        | false
      {key: env, operator: DoesNotExist}                    | team=payments   | true
      {key: env, operator: in, values: [prod]}              | env=prod        | false
      """)
  void matchExpressionsFollowLabelSelectorSemantics(String requirement, String namespaceLabels, boolean governs) {
    // Arrange
    DebugPolicy policy = policy("payments-prod", "{namespaceSelector: {matchExpressions: [" + requirement + "]}}");

    // Act
    boolean governed = PolicyMatcher.governs(policy, "shop", labels(namespaceLabels));

    // Assert
    assertThat(governed).isEqualTo(governs);
  }

  @ParameterizedTest(name = "[{0}]: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      team=payments,env=prod               | true
      team=payments,env=prod,legacy=true   | false
      team=payments,env=dev                | false
      team=checkout,env=prod               | false
      """)
  void everyLabelAndEveryExpressionMustHold(String namespaceLabels, boolean governs) {
    // Arrange
    DebugPolicy policy = policy("payments-prod", """
        namespaceSelector:
          matchLabels: {team: payments}
          matchExpressions:
          - {key: env, operator: In, values: [prod]}
          - {key: legacy, operator: DoesNotExist}
        """);

    // Act
    boolean governed = PolicyMatcher.governs(policy, "shop", labels(namespaceLabels));

    // Assert
    assertThat(governed).isEqualTo(governs);
  }

  @Test
  void governingKeepsOnlyThePoliciesOfTheNamespaceOrderedByName() {
    // Arrange
    List<DebugPolicy> policies = List.of(
        policy("zz-cluster-wide", "{}"),
        policy("payments-prod", "{namespaces: [payments]}"),
        policy("checkout", "{namespaces: [checkout]}"),
        policy("by-team", "{namespaceSelector: {matchLabels: {team: payments}}}"));

    // Act
    List<String> governing = PolicyMatcher.governing("payments", labels("team=payments"), policies).stream()
        .map(p -> p.getMetadata().getName())
        .toList();

    // Assert
    assertThat(governing).containsExactly("by-team", "payments-prod", "zz-cluster-wide");
  }

  @Test
  void governingWithoutLabelsMatchesByNameOnly() {
    // Arrange
    List<DebugPolicy> policies = List.of(
        policy("payments-prod", "{namespaces: [payments]}"),
        policy("by-team", "{namespaceSelector: {matchLabels: {team: payments}}}"));

    // Act
    List<DebugPolicy> governing = PolicyMatcher.governing("payments", null, policies);

    // Assert
    assertThat(governing).extracting(p -> p.getMetadata().getName()).containsExactly("payments-prod");
  }
}
