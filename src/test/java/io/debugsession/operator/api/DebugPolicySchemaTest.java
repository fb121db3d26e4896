package io.debugsession.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the API server accepts and refuses for DebugPolicies, by the checked-in CRD's schema and CEL rules. */
class DebugPolicySchemaTest {

  private static final Path CHECKED_IN = Path.of("crds", "debugpolicies.debugsession.io-v1.yml");
  private static final CrdSchema CRD = CrdSchema.load(CHECKED_IN);

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

  private static final String TTL_PATTERN = "^([0-9]{1,5}h)?([0-9]{1,5}m)?([0-9]{1,5}s)?$";
  private static final String APPROVERS_NEEDED =
      "spec.approval: approval.approvers must name at least one user or group when approval.required is true";
  private static final String PATTERNS_ONLY = "spec.images.allowed: images.allowed entries are registry/repository "
      + "patterns without tag or digest, e.g. docker.io/library/busybox, registry.example.com/debug/* or "
      + "ghcr.io/acme/**";
  private static final String SELECTOR_VALUES = "spec.namespaceSelector.matchExpressions[0]: values must be "
      + "non-empty for In and NotIn, and empty for Exists and DoesNotExist";

  @Test
  void acceptsFullPolicy() {
    // Act
    List<String> errors = CRD.validateCreate(policy(FULL_SPEC));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsEmptySpec() {
    // Act
    List<String> errors = CRD.validateCreate(policy("{}"));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsTheSamplePolicy() throws IOException {
    // Act
    List<String> errors = CRD.validateCreate(Files.readString(Path.of("config", "samples", "0-debugpolicy.yaml")));

    // Assert
    assertThat(errors).isEmpty();
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
    List<String> errors = CRD.validateCreate(noSpec);

    // Assert
    assertThat(errors).containsExactly("<nil>: spec is required");
  }

  @Test
  void rejectsUnknownOnExpiry() {
    // Arrange
    String spec = FULL_SPEC.replace("onExpiry: Stop", "onExpiry: Delete");

    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.onExpiry: Unsupported value: \"Delete\": supported values: \"Stop\", \"StopAndEvict\"",
        CrdSchema.RULES_NOT_CHECKED);
  }

  @Test
  void acceptsStopAndEvict() {
    // Arrange
    String spec = FULL_SPEC.replace("onExpiry: Stop", "onExpiry: StopAndEvict");

    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsUnknownProfile() {
    // Arrange
    String spec = FULL_SPEC.replace("profiles: [baseline, restricted]", "profiles: [baseline, root]");

    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.profiles[1]: Unsupported value: \"root\": supported values: "
            + "\"baseline\", \"general\", \"netadmin\", \"restricted\", \"sysadmin\"",
        CrdSchema.RULES_NOT_CHECKED);
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
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly("spec.ttl." + field + ": does not match the regex pattern " + TTL_PATTERN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ttl: {default: 30s}      | spec.ttl.default: ttl.default must be between 1m and 24h
      ttl: {max: 25h}          | spec.ttl.max: ttl.max must be between 1m and 24h
      approval: {timeout: 59s} | spec.approval.timeout: approval.timeout must be between 1m and 24h
      approval: {timeout: 25h} | spec.approval.timeout: approval.timeout must be between 1m and 24h
      """)
  void rejectsDurationsOutsideOneMinuteToOneDay(String spec, String error) {
    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly(error);
  }

  @ParameterizedTest(name = "default {0}, max {1}")
  @CsvSource({"2h, 1h", "61m, 1h", "1h1s, 1h"})
  void rejectsDefaultAboveMax(String defaultTtl, String max) {
    // Arrange
    String spec = "ttl: {default: " + defaultTtl + ", max: " + max + "}";

    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly("spec.ttl: ttl.default must not exceed ttl.max");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ttl: {default: 1h, max: 1h}", "ttl: {default: 60m, max: 1h}", "ttl: {default: 2h}",
      "ttl: {max: 1m}"})
  void acceptsDefaultUpToMax(String spec) {
    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

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
    List<String> errors = CRD.validateCreate(policy(spec));

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
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      maxEphemeralContainersPerPod: 0   | spec.maxEphemeralContainersPerPod: must have a minimum value of 1.0
      maxEphemeralContainersPerPod: 101 | spec.maxEphemeralContainersPerPod: must have a maximum value of 100.0
      namespaces: []                    | spec.namespaces: must have at least 1 items but found 0
      profiles: []                      | spec.profiles: must have at least 1 items but found 0
      images: {allowed: []}             | spec.images.allowed: must have at least 1 items but found 0
      """)
  void rejectsOutOfRangeCountsAndEmptyLists(String spec, String error) {
    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly(error);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Payments", "payments_prod", "-payments", "a.b"})
  void rejectsNamespacesThatAreNotNamespaceNames(String namespace) {
    // Act
    List<String> errors = CRD.validateCreate(policy("namespaces: [default, '" + namespace + "']"));

    // Assert
    assertThat(errors).containsExactly("spec.namespaces: namespaces must be namespace names (lowercase letters, "
        + "digits and '-', at most 63 characters)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"busybox:1.37", "localhost:5000", "busybox@sha256:abc", "ghcr.io/acme/tool:v1", "busy box"})
  void rejectsImagePatternsWithTagDigestOrSpaces(String pattern) {
    // Act
    List<String> errors = CRD.validateCreate(policy("images: {allowed: [busybox, '" + pattern + "']}"));

    // Assert
    assertThat(errors).containsExactly(PATTERNS_ONLY);
  }

  @Test
  void rejectsUnknownSelectorOperator() {
    // Arrange
    String spec = "namespaceSelector: {matchExpressions: [{key: env, operator: in, values: [prod]}]}";

    // Act
    List<String> errors = CRD.validateCreate(policy(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.namespaceSelector.matchExpressions[0].operator: Unsupported value: \"in\": supported values: "
            + "\"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"",
        CrdSchema.RULES_NOT_CHECKED);
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
    List<String> errors = CRD.validateCreate(policy("namespaceSelector: {matchExpressions: [" + requirement + "]}"));

    // Assert
    assertThat(errors).containsExactly(SELECTOR_VALUES);
  }

  @Test
  void crdIsClusterScopedWithShortNameDbgpol() {
    // Act
    CustomResourceDefinition crd = crd(CHECKED_IN);

    // Assert
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("dbgpol");
  }

  @Test
  void crdHasNoStatusSubresource() {
    // Act
    var subresources = version(CHECKED_IN).getSubresources();

    // Assert
    assertThat(subresources).isNull();
  }

  @Test
  void crdHasThePrinterColumnsKubectlShows() {
    // Act
    List<String> columns = version(CHECKED_IN).getAdditionalPrinterColumns().stream()
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

  private static CustomResourceDefinition crd(Path file) {
    try {
      return new KubernetesSerialization().unmarshal(Files.readString(file), CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CustomResourceDefinitionVersion version(Path file) {
    return crd(file).getSpec().getVersions().get(0);
  }
}
