package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/** An approver's answer to a session that a DebugPolicy holds for approval. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApprovalSpec {

  @Required
  @JsonPropertyDescription("Approved or Denied.")
  private ApprovalDecision decision;

  @Required
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("The approver's user name; must be the user who sets it, and not the requester.")
  private String approver;

  @Size(max = 32)
  @JsonPropertyDescription(
      "Groups of the approver that make them an approver under the policy; each must be one of their authenticated "
          + "groups.")
  private List<String> groups;

  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("Why; recorded in the audit trail.")
  private String reason;

  public ApprovalSpec() {}

  public ApprovalSpec(ApprovalDecision decision, String approver, List<String> groups, String reason) {
    this.decision = decision;
    this.approver = approver;
    this.groups = groups;
    this.reason = reason;
  }

  public ApprovalDecision getDecision() {
    return decision;
  }

  public void setDecision(ApprovalDecision decision) {
    this.decision = decision;
  }

  public String getApprover() {
    return approver;
  }

  public void setApprover(String approver) {
    this.approver = approver;
  }

  public List<String> getGroups() {
    return groups;
  }

  public void setGroups(List<String> groups) {
    this.groups = groups;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApprovalSpec a && decision == a.decision && Objects.equals(approver, a.approver)
        && Objects.equals(groups, a.groups) && Objects.equals(reason, a.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(decision, approver, groups, reason);
  }
}
