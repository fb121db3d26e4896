package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugSession;

/** What approve and deny share: read the session, write the decision, say what happens next. */
final class Decide {

  private Decide() {}

  static int decide(ClusterConnection cluster, PluginEnvironment env, String name, ApprovalDecision decision,
      String reason) {
    SessionClient sessions = new SessionClient(cluster);
    DebugSession session = sessions.get(name);
    Identity me = cluster.identity();
    sessions.mergePatch(name, Decision.patch(session, decision, me, reason));
    env.out().println("debugsession/" + name + (decision == ApprovalDecision.Approved ? " approved" : " denied")
        + " by " + me.userName() + "; the operator checks the decision (see: kubectl debugsession describe " + name
        + " -n " + cluster.namespace() + ")");
    return 0;
  }
}
