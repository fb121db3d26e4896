package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An approver's answer to a session waiting for approval, as {@code spec.approval}: the approver is who the API
 * server says the caller is, with those of their groups that the governing policies list (admission checks both).
 */
final class Decision {

  private Decision() {}

  static String patch(DebugSession session, ApprovalDecision decision, Identity me, String reason) {
    String name = session.getMetadata().getName();
    Phase phase = SessionWaiter.phase(session);
    if (phase != Phase.AwaitingApproval) {
      throw new PluginException("debugsession \"" + name + "\" is " + phase + ", not AwaitingApproval: there is "
          + "nothing to " + (decision == ApprovalDecision.Approved ? "approve" : "deny"));
    }
    if (me.userName().equals(session.getSpec().getRequester())) {
      throw new PluginException("you (" + me.userName() + ") asked for debugsession \"" + name
          + "\": someone else must approve or deny it");
    }
    List<String> groups = approverGroups(me, session.getStatus().getApprovers());
    ApprovalSpec approval = new ApprovalSpec(decision, me.userName(), groups.isEmpty() ? null : groups, reason);
    return Json.write(Map.of("spec", Map.of("approval", approval)));
  }

  /** The caller's groups that some governing policy lists: what makes them an approver besides their name. */
  static List<String> approverGroups(Identity me, List<PolicyApprovers> approvers) {
    if (approvers == null) {
      return List.of();
    }
    return me.groups().stream()
        .filter(g -> approvers.stream().map(PolicyApprovers::getGroups).filter(Objects::nonNull)
            .anyMatch(listed -> listed.contains(g)))
        .toList();
  }
}
