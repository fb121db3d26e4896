package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deny", mixinStandardHelpOptions = true,
    description = "Deny a session waiting for approval, as who the API server says you are.")
final class DenyCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The session.")
  String name;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; recorded in the audit trail.")
  String reason;

  DenyCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    return Decide.decide(cluster, env, name, ApprovalDecision.Denied, reason);
  }
}
