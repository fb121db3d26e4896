package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "end", mixinStandardHelpOptions = true,
    description = {"End a session early: the operator stops its debugger and the session becomes Ended.",
        "Its requester, or an approver of the session (named as who the API server says you are)."})
final class EndCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The session.")
  String name;

  EndCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    SessionClient sessions = new SessionClient(cluster);
    DebugSession session = sessions.get(name);
    if (SessionWaiter.phase(session).isTerminal()) {
      throw new PluginException("debugsession \"" + name + "\" has already ended (" + SessionWaiter.phase(session)
          + ")");
    }
    String me = cluster.identity().userName();
    // The requester ends alone; anyone else names themselves in endedBy, which admission checks.
    String patch = me.equals(session.getSpec().getRequester()) ? "{\"spec\":{\"end\":true}}"
        : "{\"spec\":{\"end\":true,\"endedBy\":" + Json.string(me) + "}}";
    sessions.mergePatch(name, patch);
    env.out().println("debugsession/" + name + " end requested by " + me
        + "; the operator stops the debugger (see: kubectl debugsession describe " + name + " -n "
        + cluster.namespace() + ")");
    return 0;
  }
}
