package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import java.util.ArrayList;
import java.util.List;

/**
 * What a requester waiting for approval needs to pass on: who may approve under each governing DebugPolicy that
 * requires approval (someone listed in every one of them), and the command that person runs.
 */
final class ApproverHint {

  private ApproverHint() {}

  static List<String> lines(String session, String namespace, List<PolicyApprovers> approvers) {
    List<String> lines = new ArrayList<>();
    if (approvers == null || approvers.isEmpty()) {
      lines.add("Who may approve is not known yet (the operator records it in status.approvers).");
    } else {
      lines.add(approvers.size() == 1 ? "Who may approve:"
          : "Who may approve (someone listed under every one of these policies):");
      for (PolicyApprovers p : approvers) {
        lines.add("  " + p.getPolicy() + ": " + who(p));
      }
    }
    lines.add("They approve with:");
    lines.add("  kubectl debugsession approve " + session + " -n " + namespace + " --reason \"...\"");
    return lines;
  }

  static String who(PolicyApprovers p) {
    List<String> parts = new ArrayList<>();
    if (p.getUsers() != null && !p.getUsers().isEmpty()) {
      parts.add("users " + String.join(", ", p.getUsers()));
    }
    if (p.getGroups() != null && !p.getGroups().isEmpty()) {
      parts.add("members of groups " + String.join(", ", p.getGroups()));
    }
    return parts.isEmpty() ? "nobody" : String.join(" or ", parts);
  }
}
