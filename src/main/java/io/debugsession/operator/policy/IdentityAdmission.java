package io.debugsession.operator.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the API server checks a DebugSession's spec.requester, spec.approval and spec.endedBy against the user it
 * authenticated: only then may the operator call them verified, and only then does an approval count. A binding of
 * the right name is not enough: it must bind the debugsession-identity policy, deny, and apply to every request; the
 * policy must exist, fail closed, match every create and update of DebugSessions, skip none, and make every check the
 * shipped one makes (config/admission/identity_policy.yaml).
 *
 * @param problem why the API server does not verify identities, for a person; null when it does
 */
public record IdentityAdmission(String problem) {

  public static final String POLICY = "debugsession-identity";
  static final String GROUP = "debugsession.io";
  static final String VERSION = "v1alpha1";
  static final String RESOURCE = "debugsessions";

  public boolean enforced() {
    return problem == null;
  }

  public static IdentityAdmission notEnforced(String problem) {
    return new IdentityAdmission(problem);
  }

  /**
   * What the installed {@code policy} and {@code binding} (null when absent) make the API server check, against the
   * {@code expected} validations of the shipped policy.
   */
  public static IdentityAdmission of(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicyBinding binding,
      List<Validation> expected) {
    return new IdentityAdmission(bindingProblem(binding).or(() -> policyProblem(policy, expected)).orElse(null));
  }

  private static Optional<String> bindingProblem(ValidatingAdmissionPolicyBinding binding) {
    String name = "the ValidatingAdmissionPolicyBinding " + POLICY;
    if (binding == null || binding.getSpec() == null) {
      return Optional.of(name + " is not installed (apply config/admission)");
    }
    var spec = binding.getSpec();
    if (!POLICY.equals(spec.getPolicyName())) {
      return Optional.of(name + " binds the policy \"" + spec.getPolicyName() + "\", not " + POLICY);
    }
    if (spec.getValidationActions() == null || !spec.getValidationActions().contains("Deny")) {
      return Optional.of(name + " does not deny (validationActions: " + spec.getValidationActions() + ")");
    }
    MatchResources match = spec.getMatchResources();
    if (excludes(match) || (match != null && match.getResourceRules() != null && !match.getResourceRules().isEmpty())) {
      return Optional.of(name + " applies to some requests only (its spec.matchResources selects or excludes)");
    }
    return Optional.empty();
  }

  private static Optional<String> policyProblem(ValidatingAdmissionPolicy policy, List<Validation> expected) {
    String name = "the ValidatingAdmissionPolicy " + POLICY;
    if (policy == null || policy.getSpec() == null) {
      return Optional.of(name + " is not installed (apply config/admission)");
    }
    var spec = policy.getSpec();
    if ("Ignore".equals(spec.getFailurePolicy())) {
      return Optional.of(name + " lets requests through when it fails (failurePolicy: Ignore)");
    }
    MatchResources match = spec.getMatchConstraints();
    for (String operation : List.of("CREATE", "UPDATE")) {
      if (match == null || !covers(match.getResourceRules(), operation)) {
        return Optional.of(name + " does not match every " + operation + " of " + RESOURCE + "." + GROUP);
      }
    }
    if (excludes(match) || (spec.getMatchConditions() != null && !spec.getMatchConditions().isEmpty())) {
      return Optional.of(name + " skips some requests (namespace or object selectors, excluded rules or "
          + "matchConditions)");
    }
    Set<String> installed = spec.getValidations() == null ? Set.of()
        : spec.getValidations().stream().map(v -> normalised(v.getExpression())).collect(Collectors.toSet());
    return expected.stream()
        .map(Validation::getExpression)
        .filter(expression -> !installed.contains(normalised(expression)))
        .findFirst()
        .map(missing -> name + " lacks the shipped check " + abbreviated(normalised(missing)));
  }

  /** Whether {@code match} leaves some requests out by selectors or excluded rules (null leaves none out). */
  private static boolean excludes(MatchResources match) {
    return match != null && (!empty(match.getNamespaceSelector()) || !empty(match.getObjectSelector())
        || (match.getExcludeResourceRules() != null && !match.getExcludeResourceRules().isEmpty()));
  }

  private static boolean covers(List<NamedRuleWithOperations> rules, String operation) {
    return rules != null && rules.stream().anyMatch(rule -> (rule.getResourceNames() == null
        || rule.getResourceNames().isEmpty())
        && any(rule.getApiGroups(), GROUP) && any(rule.getApiVersions(), VERSION)
        && any(rule.getResources(), RESOURCE) && any(rule.getOperations(), operation));
  }

  private static boolean any(Collection<String> values, String wanted) {
    return values != null && (values.contains(wanted) || values.contains("*"));
  }

  private static boolean empty(LabelSelector selector) {
    return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
  }

  private static String normalised(String expression) {
    return expression == null ? "" : expression.trim().replaceAll("\\s+", " ");
  }

  private static String abbreviated(String expression) {
    return expression.length() <= 80 ? "\"" + expression + "\"" : "\"" + expression.substring(0, 77) + "...\"";
  }
}
