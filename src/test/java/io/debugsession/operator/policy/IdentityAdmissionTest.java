package io.debugsession.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchConditionBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResourcesBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * When the operator believes that the API server checks identities: the shipped policy and binding, as installed,
 * and every way of installing something of that name that checks less.
 */
class IdentityAdmissionTest {

  private static final String BINDING_PROBLEM = "the ValidatingAdmissionPolicyBinding debugsession-identity ";
  private static final String POLICY_PROBLEM = "the ValidatingAdmissionPolicy debugsession-identity ";

  private final ValidatingAdmissionPolicy shippedPolicy = shipped(ValidatingAdmissionPolicy.class);
  private final ValidatingAdmissionPolicyBinding shippedBinding = shipped(ValidatingAdmissionPolicyBinding.class);
  private final List<Validation> expected = shipped(ValidatingAdmissionPolicy.class).getSpec().getValidations();

  @Test
  void theShippedPolicyAndBindingAreEnforced() {
    IdentityAdmission identity = IdentityAdmission.of(shippedPolicy, shippedBinding, expected);

    assertThat(identity.enforced()).isTrue();
    assertThat(identity.problem()).isNull();
  }

  @Test
  void theShippedOnesAsTheApiServerDefaultsThemAreEnforced() {
    shippedPolicy.getSpec().getMatchConstraints().setNamespaceSelector(new LabelSelectorBuilder().build());
    shippedPolicy.getSpec().getMatchConstraints().setObjectSelector(new LabelSelectorBuilder().build());
    shippedBinding.getSpec().setMatchResources(new MatchResourcesBuilder().withMatchPolicy("Equivalent")
        .withNewNamespaceSelector().endNamespaceSelector().withNewObjectSelector().endObjectSelector().build());

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).enforced()).isTrue();
  }

  @Test
  void expressionsWrittenOnOtherLinesAreTheSameChecks() {
    shippedPolicy.getSpec().getValidations()
        .forEach(v -> v.setExpression(v.getExpression().replace(" || ", "\n  || ")));

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).enforced()).isTrue();
  }

  @Test
  void noBindingEnforcesNothing() {
    assertThat(IdentityAdmission.of(shippedPolicy, null, expected).problem())
        .isEqualTo(BINDING_PROBLEM + "is not installed (apply config/admission)");
  }

  @Test
  void aBindingOfTheRightNameForAnotherPolicyEnforcesNothing() {
    shippedBinding.getSpec().setPolicyName("debugsession-nothing");

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(BINDING_PROBLEM + "binds the policy \"debugsession-nothing\", not debugsession-identity");
  }

  @Test
  void aBindingThatOnlyWarnsEnforcesNothing() {
    shippedBinding.getSpec().setValidationActions(List.of("Warn", "Audit"));

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(BINDING_PROBLEM + "does not deny (validationActions: [Warn, Audit])");
  }

  @Test
  void aBindingThatSelectsNamespacesEnforcesNothing() {
    shippedBinding.getSpec().setMatchResources(new MatchResourcesBuilder()
        .withNewNamespaceSelector().addToMatchLabels("audited", "true").endNamespaceSelector().build());

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(BINDING_PROBLEM + "applies to some requests only (its spec.matchResources selects or excludes)");
  }

  @Test
  void aBindingThatNarrowsTheResourcesEnforcesNothing() {
    shippedBinding.getSpec().setMatchResources(new MatchResourcesBuilder().addToResourceRules(
        new NamedRuleWithOperationsBuilder().withApiGroups("debugsession.io").withApiVersions("v1alpha1")
            .withResources("debugsessions").withOperations("CREATE").build()).build());

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(BINDING_PROBLEM + "applies to some requests only (its spec.matchResources selects or excludes)");
  }

  @Test
  void noPolicyEnforcesNothing() {
    assertThat(IdentityAdmission.of(null, shippedBinding, expected).problem())
        .isEqualTo(POLICY_PROBLEM + "is not installed (apply config/admission)");
  }

  @Test
  void aPolicyThatFailsOpenEnforcesNothing() {
    shippedPolicy.getSpec().setFailurePolicy("Ignore");

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(POLICY_PROBLEM + "lets requests through when it fails (failurePolicy: Ignore)");
  }

  @Test
  void aPolicyThatDoesNotMatchUpdatesEnforcesNothing() {
    shippedPolicy.getSpec().getMatchConstraints().getResourceRules().get(0).setOperations(List.of("CREATE"));

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(POLICY_PROBLEM + "does not match every UPDATE of debugsessions.debugsession.io");
  }

  @Test
  void aPolicyForAnotherResourceEnforcesNothing() {
    shippedPolicy.getSpec().getMatchConstraints().getResourceRules().get(0).setResources(List.of("debugpolicies"));

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .isEqualTo(POLICY_PROBLEM + "does not match every CREATE of debugsessions.debugsession.io");
  }

  @Test
  void aPolicyMatchingEverythingWithWildcardsIsEnforced() {
    shippedPolicy.getSpec().getMatchConstraints().setResourceRules(List.of(new NamedRuleWithOperationsBuilder()
        .withApiGroups("*").withApiVersions("*").withResources("*").withOperations("*").build()));

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).enforced()).isTrue();
  }

  @Test
  void aPolicyThatSkipsRequestsEnforcesNothing() {
    assertThat(problemOf(p -> p.getSpec().getMatchConstraints().setObjectSelector(
        new LabelSelectorBuilder().addToMatchLabels("checked", "true").build())))
        .isEqualTo(POLICY_PROBLEM + "skips some requests (namespace or object selectors, excluded rules or "
            + "matchConditions)");
    assertThat(problemOf(p -> p.getSpec().setMatchConditions(List.of(
        new MatchConditionBuilder().withName("never").withExpression("false").build()))))
        .startsWith(POLICY_PROBLEM + "skips some requests");
    assertThat(problemOf(p -> p.getSpec().getMatchConstraints().setExcludeResourceRules(List.of(
        new NamedRuleWithOperationsBuilder().withApiGroups("*").withApiVersions("*").withResources("*")
            .withOperations("*").build()))))
        .startsWith(POLICY_PROBLEM + "skips some requests");
  }

  @Test
  void aPolicyWithoutOneOfTheShippedChecksEnforcesNothing() {
    shippedPolicy.getSpec().getValidations().remove(2);

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .startsWith(POLICY_PROBLEM + "lacks the shipped check \"!variables.approvalAdded ||");
  }

  @Test
  void aPolicyWhoseChecksAlwaysPassEnforcesNothing() {
    shippedPolicy.getSpec().getValidations().forEach(v -> v.setExpression("true"));

    assertThat(IdentityAdmission.of(shippedPolicy, shippedBinding, expected).problem())
        .startsWith(POLICY_PROBLEM + "lacks the shipped check ");
  }

  private String problemOf(Consumer<ValidatingAdmissionPolicy> change) {
    ValidatingAdmissionPolicy policy = shipped(ValidatingAdmissionPolicy.class);
    change.accept(policy);
    return IdentityAdmission.of(policy, shippedBinding, expected).problem();
  }

  /** A fresh copy of the {@code kind} in config/admission/identity_policy.yaml. */
  private static <T extends HasMetadata> T shipped(Class<T> kind) {
    try (InputStream in = Files.newInputStream(Path.of("config", "admission", "identity_policy.yaml"))) {
      Object parsed = new KubernetesSerialization().unmarshal(in);
      List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
      return documents.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
