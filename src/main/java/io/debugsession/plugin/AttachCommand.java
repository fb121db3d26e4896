package io.debugsession.plugin;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "attach", mixinStandardHelpOptions = true,
    description = "Attach your terminal to an Active session's debugger (runs kubectl attach -it).")
final class AttachCommand extends ClusterCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The session.")
  String name;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long to wait for the debug container to run (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  AttachCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    SessionClient sessions = new SessionClient(cluster);
    SessionWaiter waiter = new SessionWaiter(sessions, env.pollInterval());
    return new Attacher(cluster, waiter, env).attach(sessions.get(name), timeout);
  }
}
