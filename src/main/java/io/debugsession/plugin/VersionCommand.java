package io.debugsession.plugin;

import io.debugsession.operator.OperatorVersion;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the plugin's version.")
final class VersionCommand implements Callable<Integer> {

  private final PluginEnvironment env;

  VersionCommand(PluginEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    env.out().println(text());
    return 0;
  }

  static String text() {
    return "kubectl-debugsession " + OperatorVersion.current() + " (API " + DebugSession.GROUP + "/"
        + DebugSession.VERSION + ", Java " + Runtime.version() + ")";
  }
}
