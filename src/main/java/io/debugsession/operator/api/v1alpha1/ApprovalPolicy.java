package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Whether a session needs someone other than its requester to approve it before it starts, and who may. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.required) || !self.required || (has(self.approvers)"
        + " && ((has(self.approvers.users) && size(self.approvers.users) > 0)"
        + " || (has(self.approvers.groups) && size(self.approvers.groups) > 0)))",
    message = "approval.approvers must name at least one user or group when approval.required is true")
public class ApprovalPolicy {

  @JsonPropertyDescription(
      "Whether a session waits for approval before its debug container is added. Where several policies require "
          + "it, the approver must be allowed by each of them. Omitted: false.")
  private Boolean required;

  @JsonPropertyDescription("Who may approve: listed users, or members of listed groups. Never the requester.")
  private Approvers approvers;

  @Size(max = 16)
  @Pattern(TtlSchema.PATTERN)
  @ValidationRule(
      value = TtlSchema.ONE_MINUTE_TO_A_DAY,
      message = "approval.timeout must be between 1m and 24h")
  @JsonPropertyDescription(
      "How long a session may wait for approval, as a duration like 30m (1m to 24h). Omitted: 30m.")
  private String timeout;

  public Boolean getRequired() {
    return required;
  }

  public void setRequired(Boolean required) {
    this.required = required;
  }

  public Approvers getApprovers() {
    return approvers;
  }

  public void setApprovers(Approvers approvers) {
    this.approvers = approvers;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }
}
