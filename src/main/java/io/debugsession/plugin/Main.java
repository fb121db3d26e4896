package io.debugsession.plugin;

/** {@code kubectl-debugsession}: the process kubectl starts for {@code kubectl debugsession ...}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(KubectlDebugsession.run(args, PluginEnvironment.system()));
  }
}
