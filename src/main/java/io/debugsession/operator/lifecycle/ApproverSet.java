package io.debugsession.operator.lifecycle;

import java.util.Collection;
import java.util.List;

/** Who may approve under one DebugPolicy that requires approval: a listed user, or a member of a listed group. */
public record ApproverSet(String policyName, List<String> users, List<String> groups) {

  public ApproverSet {
    users = users == null ? List.of() : List.copyOf(users);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** Whether {@code approver}, a member of {@code verifiedGroups} as the API server authenticated them, may approve. */
  public boolean authorises(String approver, Collection<String> verifiedGroups) {
    return users.contains(approver) || (verifiedGroups != null && verifiedGroups.stream().anyMatch(groups::contains));
  }

  /** The approvers as refusals quote them: users alice, carol; groups sre-leads. */
  public String describe() {
    if (users.isEmpty() && groups.isEmpty()) {
      return "none";
    }
    String userPart = users.isEmpty() ? "" : "users " + String.join(", ", users);
    String groupPart = groups.isEmpty() ? "" : "groups " + String.join(", ", groups);
    return userPart.isEmpty() ? groupPart : groupPart.isEmpty() ? userPart : userPart + "; " + groupPart;
  }
}
