package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugPolicySpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which DebugPolicies govern a namespace. A policy governs the namespaces it names and those its namespaceSelector
 * matches (either is enough); one with neither governs every namespace. An empty namespaces list counts as absent,
 * as Kubernetes clients drop empty lists (the CRD refuses it anyway).
 */
public final class PolicyMatcher {

  private PolicyMatcher() {}

  /** The policies governing {@code namespace}, ordered by name so that every message lists them alike. */
  public static List<DebugPolicy> governing(
      String namespace, Map<String, String> namespaceLabels, List<DebugPolicy> policies) {
    Map<String, String> labels = namespaceLabels == null ? Map.of() : namespaceLabels;
    return policies.stream()
        .filter(p -> governs(p, namespace, labels))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
  }

  public static boolean governs(DebugPolicy policy, String namespace, Map<String, String> namespaceLabels) {
    DebugPolicySpec spec = policy.getSpec() == null ? new DebugPolicySpec() : policy.getSpec();
    boolean byName = spec.getNamespaces() != null && !spec.getNamespaces().isEmpty();
    boolean bySelector = spec.getNamespaceSelector() != null;
    if (!byName && !bySelector) {
      return true;
    }
    return (byName && spec.getNamespaces().contains(namespace))
        || (bySelector && LabelSelectorMatch.matches(spec.getNamespaceSelector(), namespaceLabels));
  }
}
