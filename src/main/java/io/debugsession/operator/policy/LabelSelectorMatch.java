package io.debugsession.operator.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selector semantics: every matchLabels entry and every matchExpressions requirement must hold, so
 * an empty selector matches everything. An operator other than In, NotIn, Exists and DoesNotExist (which the CRD
 * refuses) matches nothing.
 */
final class LabelSelectorMatch {

  private LabelSelectorMatch() {}

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return matchLabels.entrySet().stream()
            .allMatch(e -> e.getValue() != null && e.getValue().equals(labels.get(e.getKey())))
        && expressions.stream().allMatch(r -> holds(r, labels));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (String.valueOf(requirement.getOperator())) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}
