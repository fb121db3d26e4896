package io.debugsession.plugin;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl debugsession}: the root command. Exit codes are kubectl's: 0, or 1 with {@code error: ...} on
 * stderr (usage errors included).
 */
@Command(name = "kubectl debugsession", mixinStandardHelpOptions = true,
    versionProvider = KubectlDebugsession.Version.class,
    description = "Time-bounded, audited debug containers in distroless pods (DebugSession, debugsession.io).",
    subcommands = {StartCommand.class, ListCommand.class, DescribeCommand.class, AttachCommand.class,
        EndCommand.class, ApproveCommand.class, DenyCommand.class, AuditCommand.class, VersionCommand.class,
        CompletionCommand.class, CdsTrainingCommand.class},
    footer = {"", "Every command takes --kubeconfig, --context and -n/--namespace, like kubectl; -h for its help."})
public final class KubectlDebugsession implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String[] args, PluginEnvironment env) {
    CommandLine cli = new CommandLine(new KubectlDebugsession(), new Factory(env));
    cli.setOut(env.out());
    cli.setErr(env.err());
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      commandLine.getErr().println("error: " + message(e));
      return 1;
    });
    cli.setParameterExceptionHandler((e, args1) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println("error: " + e.getMessage());
      failed.getErr().println("See '" + failed.getCommandSpec().qualifiedName() + " --help'.");
      return 1;
    });
    int exit = cli.execute(args);
    env.out().flush();
    env.err().flush();
    return exit;
  }

  private static String message(Exception e) {
    if (e instanceof PluginException) {
      return e.getMessage();
    }
    if (e instanceof KubernetesClientException k) {
      return k.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Gives commands that want it the environment they run in. */
  private record Factory(PluginEnvironment env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        Constructor<K> withEnv = type.getDeclaredConstructor(PluginEnvironment.class);
        withEnv.setAccessible(true);
        return withEnv.newInstance(env);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {VersionCommand.text()};
    }
  }
}
