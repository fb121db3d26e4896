package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands that need no cluster, run in process as Main runs them. */
class CompletionAndVersionTest {

  @Test
  void completionPrintsABashScriptThatZshLoadsToo() {
    PluginRun bash = PluginRun.run("completion", "bash");
    PluginRun zsh = PluginRun.run("completion", "zsh");
    PluginRun fish = PluginRun.run("completion", "fish");

    assertThat(bash.exit()).isZero();
    assertThat(bash.out()).contains("complete -F _complete_kubectl-debugsession").contains("start")
        .contains("audit");
    assertThat(zsh.out()).startsWith("#compdef kubectl-debugsession\n").contains("bashcompinit");
    assertThat(fish.exit()).isEqualTo(1);
    assertThat(fish.err()).startsWith("error: Invalid value for positional parameter at index 0 (SHELL): "
        + "expected one of [bash, zsh]");
  }

  @Test
  void everyCommandAnswersDashHWithItsUsage() {
    List<String> commands = List.of("start", "list", "describe", "attach", "end", "approve", "deny", "audit",
        "audit verify", "audit head", "version", "completion");

    assertThat(commands).allSatisfy(command -> {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("-h");
      PluginRun help = PluginRun.run(args.toArray(String[]::new));
      assertThat(help.exit()).as(help.toString()).isZero();
      assertThat(help.out()).as(help.toString()).startsWith("Usage: kubectl debugsession " + command + " ");
    });
    assertThat(PluginRun.run("start", "-h").out()).contains("--reason=TEXT").contains("--no-attach")
        .contains("--kubeconfig=FILE");
  }

  @Test
  void versionAndUsageErrorsFollowKubectlsExitCodes() {
    PluginRun version = PluginRun.run("version");
    PluginRun unknown = PluginRun.run("frobnicate");
    PluginRun noReason = PluginRun.run("start", "web");

    assertThat(version.out()).startsWith("kubectl-debugsession 0.1.0-SNAPSHOT (API debugsession.io/v1alpha1");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).startsWith("error: Unmatched argument at index 0: 'frobnicate'");
    assertThat(noReason.exit()).isEqualTo(1);
    assertThat(noReason.err()).isEqualTo("error: Missing required option: '--reason=TEXT'\n"
        + "See 'kubectl debugsession start --help'.\n");
  }
}
