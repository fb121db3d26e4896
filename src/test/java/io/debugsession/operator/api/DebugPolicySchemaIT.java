package io.debugsession.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.Refusal;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the real API server accepts and refuses for DebugPolicies by the installed CRD's schema and CEL rules, in its
 * own words (each cause as "field: message"), and how it serves them. A cluster administrator writes policies; every
 * create here is a dry run, so no policy is left for the other tests to meet.
 */
class DebugPolicySchemaIT {

  private static final String FULL_SPEC = """
      namespaces: [payments]
      namespaceSelector:
        matchLabels: {team: payments}
        matchExpressions:
        - {key: env, operator: In, values: [prod, staging]}
        - {key: legacy, operator: DoesNotExist}
      images:
        allowed: [docker.io/library/busybox, registry.example.com/debug/*, ghcr.io/acme/**, 'localhost:5000/tools']
        requireDigest: false
      profiles: [baseline, restricted]
      ttl:
        default: 15m
        max: 1h
      approval:
        required: true
        approvers: {users: [alice], groups: [sre-leads]}
        timeout: 30m
      maxEphemeralContainersPerPod: 5
      onExpiry: Stop
      """;

  private static final String TTL_PATTERN =
      "^([0-9]{1,5}h([0-9]{1,5}m)?([0-9]{1,5}s)?|[0-9]{1,5}m([0-9]{1,5}s)?|[0-9]{1,5}s)$";
  /** Added by the server when schema errors kept it from evaluating the CEL rules. */
  private static final String RULES_NOT_CHECKED = "<nil>: Invalid value: null: some validation rules were not "
      + "checked because the object was invalid; correct the existing errors to complete validation";
  /** A failed CEL rule shows the type of the value it was given ("object", "array", "string"), not the value. */
  private static final String APPROVERS_NEEDED = "spec.approval: Invalid value: \"object\": approval.approvers must "
      + "name at least one user or group when approval.required is true";
  private static final String PATTERNS_ONLY = "spec.images.allowed: Invalid value: \"array\": images.allowed entries "
      + "are registry/repository patterns without tag or digest, e.g. docker.io/library/busybox, "
      + "registry.example.com/debug/* or ghcr.io/acme/**";
  private static final String SELECTOR_VALUES = "spec.namespaceSelector.matchExpressions[0]: Invalid value: "
      + "\"object\": values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist";

  private static final String LABEL_KEY_PATTERN = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
      + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
  private static final String LABEL_VALUE_PATTERN = "^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$";

  private static KubernetesClient admin;

  @BeforeAll
  static void connect() {
    admin = RealCluster.get().client(TestUser.ADMIN);
  }

  @AfterAll
  static void closeClient() {
    admin.close();
  }

  @Test
  void acceptsFullPolicy() {
    // Act
    List<String> errors = create(policy(FULL_SPEC));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsEmptySpec() {
    // Act
    List<String> errors = create(policy("{}"));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsTheSamplePolicy() throws IOException {
    // Act
    List<String> errors = create(Files.readString(Path.of("config", "samples", "0-debugpolicy.yaml")));

    // Assert
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "key \"{0}\"")
  @ValueSource(strings = {"tier production", "-tier", "tier-", "a/b/c", "Example.com/tier", "example.com/", "/tier",
      "tier!"})
  void rejectsMatchLabelsKeyThatIsNotALabelKey(String key) {
    // Arrange: such a key is on no namespace, so the policy would silently govern nothing
    String spec = "namespaceSelector:\n  matchLabels: {'" + key + "': production}\n";

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly("spec.namespaceSelector.matchLabels: Invalid value: \"object\": matchLabels "
        + "keys must be label keys: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', "
        + "'_' or '.', beginning and ending with a letter or digit");
  }

  @Test
  void rejectsMatchLabelsKeyWithANameLongerThan63Characters() {
    // Arrange
    String spec = "namespaceSelector:\n  matchLabels: {" + "t".repeat(64) + ": production}\n";

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).singleElement().asString().startsWith("spec.namespaceSelector.matchLabels: Invalid value: "
        + "\"object\": matchLabels keys must be label keys");
  }

  @ParameterizedTest(name = "value \"{0}\"")
  @ValueSource(strings = {"prod uction", "-prod", "prod/1"})
  void rejectsMatchLabelsValueThatIsNotALabelValue(String value) {
    // Arrange
    String spec = "namespaceSelector:\n  matchLabels: {tier: '" + value + "'}\n";

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly("spec.namespaceSelector.matchLabels: Invalid value: \"object\": matchLabels "
        + "values must be label values: empty, or at most 63 letters, digits, '-', '_' or '.', beginning and ending "
        + "with a letter or digit");
  }

  @Test
  void acceptsMatchLabelsWithPrefixedKeysAndEmptyValues() {
    // Arrange
    String spec = "namespaceSelector:\n  matchLabels: {'example.com/tier': production, "
        + "'kubernetes.io/metadata.name': payments, 'team_a.b-c': '', tier: A_1.b-2}\n";

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsMatchExpressionsKeyOrValueThatIsNotALabelKeyOrValue() {
    // Arrange
    String spec = """
        namespaceSelector:
          matchExpressions:
          - {key: 'tier production', operator: In, values: ['prod uction']}
        """;

    // Act
    List<String> errors = create(policy(spec));

    // Assert: the server lists the two in either order
    assertThat(errors).containsExactlyInAnyOrder(
        "spec.namespaceSelector.matchExpressions[0].key: Invalid value: \"tier production\": "
            + "spec.namespaceSelector.matchExpressions[0].key in body should match '" + LABEL_KEY_PATTERN + "'",
        "spec.namespaceSelector.matchExpressions[0].values[0]: Invalid value: \"prod uction\": "
            + "spec.namespaceSelector.matchExpressions[0].values[0] in body should match '" + LABEL_VALUE_PATTERN
            + "'");
  }

  @Test
  void rejectsPolicyWithoutSpec() {
    // Arrange
    String noSpec = """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugPolicy
        metadata:
          name: payments-prod
        """;

    // Act
    List<String> errors = create(noSpec);

    // Assert
    assertThat(errors).containsExactly("<nil>: Invalid value: \"object\": spec is required");
  }

  @Test
  void rejectsUnknownOnExpiry() {
    // Arrange
    String spec = FULL_SPEC.replace("onExpiry: Stop", "onExpiry: Delete");

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.onExpiry: Unsupported value: \"Delete\": supported values: \"Stop\", \"StopAndEvict\"",
        RULES_NOT_CHECKED);
  }

  @Test
  void acceptsStopAndEvict() {
    // Arrange
    String spec = FULL_SPEC.replace("onExpiry: Stop", "onExpiry: StopAndEvict");

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsUnknownProfile() {
    // Arrange
    String spec = FULL_SPEC.replace("profiles: [baseline, restricted]", "profiles: [baseline, root]");

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.profiles[1]: Unsupported value: \"root\": supported values: "
            + "\"baseline\", \"general\", \"netadmin\", \"restricted\", \"sysadmin\"",
        RULES_NOT_CHECKED);
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      default | 15
      default | abc
      max     | 15 m
      max     | 999999h
      """)
  void rejectsTtlThatIsNotADuration(String field, String value) {
    // Arrange
    String spec = FULL_SPEC.replace(field + ": " + (field.equals("max") ? "1h" : "15m"), field + ": '" + value + "'");

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly("spec.ttl." + field + ": Invalid value: \"" + value + "\": spec.ttl." + field
        + " in body should match '" + TTL_PATTERN + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ttl: {default: 30s}      | spec.ttl.default: Invalid value: "string": ttl.default must be between 1m and 24h
      ttl: {max: 25h}          | spec.ttl.max: Invalid value: "string": ttl.max must be between 1m and 24h
      approval: {timeout: 59s} | spec.approval.timeout: Invalid value: "string": approval.timeout must be between 1m and 24h
      approval: {timeout: 25h} | spec.approval.timeout: Invalid value: "string": approval.timeout must be between 1m and 24h
      """)
  void rejectsDurationsOutsideOneMinuteToOneDay(String spec, String error) {
    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly(error);
  }

  @ParameterizedTest(name = "default {0}, max {1}")
  @CsvSource({"2h, 1h", "61m, 1h", "1h1s, 1h"})
  void rejectsDefaultAboveMax(String defaultTtl, String max) {
    // Arrange
    String spec = "ttl: {default: " + defaultTtl + ", max: " + max + "}";

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly("spec.ttl: Invalid value: \"object\": ttl.default must not exceed ttl.max");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ttl: {default: 1h, max: 1h}", "ttl: {default: 60m, max: 1h}", "ttl: {default: 2h}",
      "ttl: {max: 1m}"})
  void acceptsDefaultUpToMax(String spec) {
    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "approval: {required: true}",
      "approval: {required: true, approvers: {}}",
      "approval: {required: true, approvers: {users: [], groups: []}}",
  })
  void rejectsRequiredApprovalWithoutApprovers(String spec) {
    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly(APPROVERS_NEEDED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "approval: {required: true, approvers: {users: [alice]}}",
      "approval: {required: true, approvers: {groups: [sre-leads]}}",
      "approval: {required: false}",
      "approval: {timeout: 1h}",
  })
  void acceptsApprovalWithApproversOrNotRequired(String spec) {
    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      maxEphemeralContainersPerPod: 0   | spec.maxEphemeralContainersPerPod: Invalid value: 0: spec.maxEphemeralContainersPerPod in body should be greater than or equal to 1
      maxEphemeralContainersPerPod: 101 | spec.maxEphemeralContainersPerPod: Invalid value: 101: spec.maxEphemeralContainersPerPod in body should be less than or equal to 100
      namespaces: []                    | spec.namespaces: Invalid value: 0: spec.namespaces in body should have at least 1 items
      profiles: []                      | spec.profiles: Invalid value: 0: spec.profiles in body should have at least 1 items
      images: {allowed: []}             | spec.images.allowed: Invalid value: 0: spec.images.allowed in body should have at least 1 items
      """)
  void rejectsOutOfRangeCountsAndEmptyLists(String spec, String error) {
    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly(error);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Payments", "payments_prod", "-payments", "a.b"})
  void rejectsNamespacesThatAreNotNamespaceNames(String namespace) {
    // Act
    List<String> errors = create(policy("namespaces: [default, '" + namespace + "']"));

    // Assert
    assertThat(errors).containsExactly("spec.namespaces: Invalid value: \"array\": namespaces must be namespace "
        + "names (lowercase letters, digits and '-', at most 63 characters)");
  }

  @Test
  void rejectsNamespaceNameLongerThan63Characters() {
    // Act
    List<String> errors = create(policy("namespaces: [default, " + "n".repeat(64) + "]"));

    // Assert
    assertThat(errors).containsExactly("spec.namespaces[1]: Too long: may not be more than 63 bytes",
        RULES_NOT_CHECKED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"busybox:1.37", "localhost:5000", "busybox@sha256:abc", "ghcr.io/acme/tool:v1", "busy box"})
  void rejectsImagePatternsWithTagDigestOrSpaces(String pattern) {
    // Act
    List<String> errors = create(policy("images: {allowed: [busybox, '" + pattern + "']}"));

    // Assert
    assertThat(errors).containsExactly(PATTERNS_ONLY);
  }

  @Test
  void rejectsImagePatternLongerThan255Characters() {
    // Act
    List<String> errors = create(policy("images: {allowed: [busybox, registry.example.com/" + "i".repeat(236) + "]}"));

    // Assert
    assertThat(errors).containsExactly("spec.images.allowed[1]: Too long: may not be more than 255 bytes",
        RULES_NOT_CHECKED);
  }

  @Test
  void rejectsUnknownSelectorOperator() {
    // Arrange
    String spec = "namespaceSelector: {matchExpressions: [{key: env, operator: in, values: [prod]}]}";

    // Act
    List<String> errors = create(policy(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.namespaceSelector.matchExpressions[0].operator: Unsupported value: \"in\": supported values: "
            + "\"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"",
        RULES_NOT_CHECKED);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{key: env, operator: In}",
      "{key: env, operator: NotIn, values: []}",
      "{key: env, operator: Exists, values: [prod]}",
      "{key: env, operator: DoesNotExist, values: [prod]}",
  })
  void rejectsSelectorValuesThatDoNotFitTheOperator(String requirement) {
    // Act
    List<String> errors = create(policy("namespaceSelector: {matchExpressions: [" + requirement + "]}"));

    // Assert
    assertThat(errors).containsExactly(SELECTOR_VALUES);
  }

  @Test
  void crdIsClusterScopedWithShortNameDbgpol() {
    // Act
    CustomResourceDefinition crd = installedCrd();

    // Assert
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("dbgpol");
  }

  @Test
  void crdHasNoStatusSubresource() {
    // Act
    var subresources = installedVersion().getSubresources();

    // Assert
    assertThat(subresources).isNull();
  }

  @Test
  void crdHasThePrinterColumnsKubectlShows() {
    // Act
    List<String> columns = installedVersion().getAdditionalPrinterColumns().stream()
        .map(CustomResourceColumnDefinition::getName)
        .toList();

    // Assert
    assertThat(columns).containsExactlyInAnyOrder("Max TTL", "Approval", "On Expiry", "Age");
  }

  private static String policy(String spec) {
    return """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugPolicy
        metadata:
          name: payments-prod
        spec:
        """ + spec.indent(2);
  }

  /** Why the server refuses the administrator's create of {@code yaml} (a dry run); empty when it accepts it. */
  private static List<String> create(String yaml) {
    GenericKubernetesResource policy =
        admin.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    return Refusal.causes(() -> admin.resource(policy).dryRun().create());
  }

  private static CustomResourceDefinition installedCrd() {
    return admin.apiextensions().v1().customResourceDefinitions().withName("debugpolicies.debugsession.io").get();
  }

  private static CustomResourceDefinitionVersion installedVersion() {
    return installedCrd().getSpec().getVersions().get(0);
  }
}
