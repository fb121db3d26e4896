package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Show a session: what was asked, who approved, its timeline (requested, approved, injected, "
        + "stopped by which layer, how it ended) and its conditions.")
final class DescribeCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The session.")
  String name;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "json or yaml: the whole object instead of the description.")
  OutputFormat output;

  DescribeCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    DebugSession session = new SessionClient(cluster).get(name);
    if (output != null && output.isStructured()) {
      env.out().print(output.write(session));
    } else {
      env.out().print(SessionDescription.render(session, Instant.now(env.clock())));
    }
    return 0;
  }
}
