package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
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

  /** A label name: at most 63 letters, digits, '-', '_' and '.', beginning and ending with a letter or digit. */
  private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
  /**
   * A label key: a name, after an optional DNS subdomain prefix and '/' (the prefix's 253 characters by CEL). No
   * backslash, so that it reads the same in a schema pattern and in a CEL string.
   */
  static final String KEY = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?" + NAME + "$";
  /** A label value: empty, or a name. */
  static final String VALUE = "^(" + NAME + ")?$";
  /** Label keys are at most 253 + 1 + 63 characters; bounding them keeps the rules within the CEL cost budget. */
  private static final String KEY_RULE = "size(k) <= 317 && k.matches('" + KEY + "') && k.indexOf('/') <= 253";

  @Size(max = 64)
  @ValidationRule(
      value = "self.all(k, " + KEY_RULE + ")",
      message = "matchLabels keys must be label keys: an optional DNS subdomain prefix and '/', then at most 63 "
          + "letters, digits, '-', '_' or '.', beginning and ending with a letter or digit")
  @ValidationRule(
      value = "self.all(k, size(k) > 317 || self[k].matches('" + VALUE + "'))",
      message = "matchLabels values must be label values: empty, or at most 63 letters, digits, '-', '_' or '.', "
          + "beginning and ending with a letter or digit")
  @JsonPropertyDescription("Labels a namespace must all carry, with these values (at most 64).")
  public Map<String, @Size(max = 63) String> matchLabels;

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
    @Pattern(KEY)
    @ValidationRule(value = "self.indexOf('/') <= 253", message = "a label key's prefix is at most 253 characters")
    @JsonPropertyDescription("The label key.")
    public String key;

    @Required
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    public Operator operator;

    @Size(max = 64)
    @JsonPropertyDescription("The label values for In and NotIn; empty for Exists and DoesNotExist.")
    public List<@Size(max = 63) @Pattern(VALUE) String> values;

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
