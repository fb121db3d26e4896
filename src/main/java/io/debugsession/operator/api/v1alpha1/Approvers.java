package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The users and groups, as the API server authenticates them, who may approve a session. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Approvers {

  @Size(max = 64)
  @ValidationRule(value = "self.all(u, size(u) > 0)", message = "approval.approvers.users must not be empty strings")
  @JsonPropertyDescription(
      "User names, exactly as the API server authenticates them (e.g. alice or alice@example.com).")
  private List<String> users;

  @Size(max = 64)
  @ValidationRule(value = "self.all(g, size(g) > 0)", message = "approval.approvers.groups must not be empty strings")
  @JsonPropertyDescription("Groups, as the API server authenticates them: any member may approve.")
  private List<String> groups;

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
}
