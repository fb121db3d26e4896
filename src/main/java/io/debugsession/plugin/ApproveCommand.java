package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true,
    description = "Approve a session waiting for approval, as who the API server says you are.")
final class ApproveCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The session.")
  String name;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "approved",
      description = "Why; recorded in the audit trail (default: ${DEFAULT-VALUE}).")
  String reason;

  ApproveCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    return Decide.decide(cluster, env, name, ApprovalDecision.Approved, reason);
  }
}
