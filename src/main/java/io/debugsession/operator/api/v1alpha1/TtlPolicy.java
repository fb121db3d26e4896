package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The TTL a session gets when it names none, and the most it may ask for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.default) || !has(self.max) || !self.default.matches('" + TtlSchema.PATTERN + "')"
        + " || !self.max.matches('" + TtlSchema.PATTERN + "') || duration(self.default) <= duration(self.max)",
    message = "ttl.default must not exceed ttl.max")
public class TtlPolicy {

  // Named for Jackson on the getter: the field cannot be called default, and the generator reads the CEL rule from
  // the accessor of the property it writes.
  private String defaultTtl;

  @Size(max = 16)
  @Pattern(TtlSchema.PATTERN)
  @ValidationRule(value = TtlSchema.ONE_MINUTE_TO_A_DAY, message = "ttl.max must be between 1m and 24h")
  @JsonPropertyDescription(
      "Longest TTL a session may ask for (1m to 24h); a session asking for more is denied, not shortened. "
          + "Omitted: 30m.")
  private String max;

  @JsonProperty("default")
  @Size(max = 16)
  @Pattern(TtlSchema.PATTERN)
  @ValidationRule(value = TtlSchema.ONE_MINUTE_TO_A_DAY, message = "ttl.default must be between 1m and 24h")
  @JsonPropertyDescription(
      "TTL of a session that names none, as a duration like 90s, 15m or 1h30m (1m to 24h). Omitted: 15m. "
          + "Never more than the maximum.")
  public String getDefault() {
    return defaultTtl;
  }

  public void setDefault(String defaultTtl) {
    this.defaultTtl = defaultTtl;
  }

  public String getMax() {
    return max;
  }

  public void setMax(String max) {
    this.max = max;
  }
}
