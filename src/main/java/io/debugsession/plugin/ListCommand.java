package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List debug sessions: phase, requester, pod, when they expire, age.")
final class ListCommand extends ClusterCommand {

  @Option(names = {"-A", "--all-namespaces"}, description = "List the sessions of every namespace.")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table, wide, json or yaml (default: ${DEFAULT-VALUE}).")
  OutputFormat output;

  ListCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    List<DebugSession> sessions = new SessionClient(cluster).list(allNamespaces);
    if (output.isStructured()) {
      env.out().print(output.write(sessions));
    } else if (sessions.isEmpty()) {
      env.err().println(allNamespaces ? "No debug sessions found."
          : "No debug sessions found in namespace " + cluster.namespace() + ".");
    } else {
      env.out().print(SessionTable.render(sessions, output == OutputFormat.wide, allNamespaces,
          Instant.now(env.clock())));
    }
    return 0;
  }
}
