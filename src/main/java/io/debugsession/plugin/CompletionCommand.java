package io.debugsession.plugin;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a shell completion script for bash or zsh.",
        "bash: source <(kubectl debugsession completion bash)",
        "zsh:  source <(kubectl debugsession completion zsh)",
        "It completes kubectl-debugsession; for `kubectl debugsession`, kubectl 1.26+ calls "
            + "kubectl_complete-debugsession on PATH (see README)."})
final class CompletionCommand implements Callable<Integer> {

  enum Shell { bash, zsh }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Spec
  CommandSpec spec;

  private final PluginEnvironment env;

  CompletionCommand(PluginEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    // picocli's script is bash; zsh runs it through bashcompinit, which the script loads itself under zsh.
    String script = AutoComplete.bash("kubectl-debugsession", root);
    if (shell == Shell.zsh) {
      env.out().println("#compdef kubectl-debugsession");
    }
    env.out().print(script);
    return 0;
  }
}
