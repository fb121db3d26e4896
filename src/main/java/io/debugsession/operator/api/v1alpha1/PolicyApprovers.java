package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * In a session's status: who may approve it under one governing DebugPolicy that requires approval, as the operator
 * found when it decided the session. An approver must be listed in every entry; admission reads them to let an
 * approver end the session. Not an {@link Approvers} with a policy name: that class's schema rules, for people who
 * write policies, would exceed the CEL cost budget under a list in status (the API server refuses the CRD).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyApprovers {

  @JsonPropertyDescription("The DebugPolicy.")
  private String policy;

  @JsonPropertyDescription("Its approvers.users.")
  private List<String> users;

  @JsonPropertyDescription("Its approvers.groups.")
  private List<String> groups;

  public PolicyApprovers() {}

  public PolicyApprovers(String policy, List<String> users, List<String> groups) {
    this.policy = policy;
    this.users = users == null || users.isEmpty() ? null : List.copyOf(users);
    this.groups = groups == null || groups.isEmpty() ? null : List.copyOf(groups);
  }

  public String getPolicy() {
    return policy;
  }

  public void setPolicy(String policy) {
    this.policy = policy;
  }

  public List<String> getUsers() {
    return users;
  }

  public void setUsers(List<String> users) {
    this.users = users;
  }

  public List<String> getGroups() {
    return groups;
  }

  public void setGroups(List<String> groups) {
    this.groups = groups;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyApprovers p && Objects.equals(policy, p.policy) && Objects.equals(users, p.users)
        && Objects.equals(groups, p.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policy, users, groups);
  }
}
