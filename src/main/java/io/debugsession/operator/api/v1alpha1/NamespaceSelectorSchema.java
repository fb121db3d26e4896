package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * Schema only (never instantiated): what the CRD admits for {@link DebugPolicySpec#getNamespaceSelector()}, a
 * Kubernetes LabelSelector whose operators and values are checked, as fabric8's LabelSelector model declares neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class NamespaceSelectorSchema {

  @JsonPropertyDescription("Labels a namespace must all carry, with these values.")
  public Map<String, String> matchLabels;

  @Size(max = 16)
  @JsonPropertyDescription("Requirements a namespace's labels must all meet.")
  public List<Requirement> matchExpressions;

  private NamespaceSelectorSchema() {}

  /** One label requirement. */
  @ValidationRule(
      value = "self.operator in ['In', 'NotIn'] ? (has(self.values) && size(self.values) > 0)"
          + " : (!has(self.values) || size(self.values) == 0)",
      message = "values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist")
  static final class Requirement {

    @Required
    @Size(min = 1, max = 317)
    @JsonPropertyDescription("The label key.")
    public String key;

    @Required
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    public Operator operator;

    @Size(max = 64)
    @JsonPropertyDescription("The label values for In and NotIn; empty for Exists and DoesNotExist.")
    public List<String> values;

    private Requirement() {}
  }

  /** Label selector operators, spelt as Kubernetes does. */
  enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist
  }
}
