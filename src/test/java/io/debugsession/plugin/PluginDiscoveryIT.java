package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.testsupport.cluster.ClusterBinaries;
import io.debugsession.operator.testsupport.cluster.TestUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as the build packages it (target/kubectl-debugsession and its jars), found by the real kubectl on
 * PATH, as a user installs it: plugin discovery, help, version, and a command against the real API server through
 * the packaged class path (the JDK HTTP client, not the tests' one).
 */
class PluginDiscoveryIT extends PluginTestBase {

  private static final Path PLUGIN = Path.of("target", "kubectl-debugsession").toAbsolutePath();

  static Path kubectl;

  @TempDir
  Path home;

  @BeforeAll
  static void binaries() {
    assertThat(PLUGIN).as("built by ./mvnw package").isExecutable();
    kubectl = ClusterBinaries.buildIfNeeded().kubectl();
  }

  @Test
  void kubectlFindsThePluginOnPathAndRunsVersionAndHelp() {
    Result plugins = run(Map.of(), kubectl.toString(), "plugin", "list");
    Result version = run(Map.of(), kubectl.toString(), "debugsession", "version");
    Result help = run(Map.of(), kubectl.toString(), "debugsession", "--help");

    assertThat(plugins.output()).contains(PLUGIN.toString());
    assertThat(version.exit()).isZero();
    assertThat(version.output()).startsWith("kubectl-debugsession 0.1.0-SNAPSHOT (API debugsession.io/v1alpha1");
    assertThat(help.exit()).isZero();
    assertThat(help.output()).startsWith("Usage: kubectl debugsession [-hV] [COMMAND]")
        .contains("  start ").contains("  audit ").contains("  completion ");
  }

  /**
   * A session from start to audit through kubectl and the packaged plugin, as the README's transcript shows it
   * (printed as [plugin-transcript] lines); the operator runs in this JVM and the test plays the kubelet.
   */
  @Test
  void aSessionFromStartToAuditVerifyThroughKubectlAndThePackagedPlugin() throws IOException {
    runningPod();
    kubeletStartsDebuggerOf("inc-4711");
    Map<String, String> alice = Map.of("KUBECONFIG", kubeconfig(TestUser.REQUESTER));
    List<String> transcript = new ArrayList<>();

    Result start = shell(transcript, alice, "kubectl debugsession start checkout -n payments --name inc-4711 "
        + "--ttl 15m --reason 'INC-4711: checkout 502s' --no-attach");
    eventually().until(() -> SessionWaiter.debuggerRunning(session("inc-4711")));
    Result list = shell(transcript, alice, "kubectl debugsession list -n payments");
    Result end = shell(transcript, alice, "kubectl debugsession end inc-4711 -n payments");
    awaitPhase("inc-4711", io.debugsession.operator.api.v1alpha1.Phase.Ended);
    eventually().until(() -> auditLines.stream().anyMatch(l -> l.contains("\"event\":\"ended\"")));
    Result describe = shell(transcript, Map.of("KUBECONFIG", kubeconfig(TestUser.AUDITOR)),
        "kubectl debugsession describe inc-4711 -n payments");
    Files.write(home.resolve("audit.jsonl"), auditLines);
    Result verify = shell(transcript, Map.of("KUBECONFIG", kubeconfig(TestUser.ADMIN)),
        "kubectl debugsession audit verify audit.jsonl --cluster-head");
    transcript.forEach(line -> System.out.println("[plugin-transcript] " + line));

    assertThat(List.of(start, list, end, describe, verify)).allSatisfy(r -> assertThat(r.exit()).as(r.output())
        .isZero());
    assertThat(list.output()).contains("inc-4711").contains("Active");
    assertThat(describe.output()).contains("Ended by alice (EndRequested)");
    assertThat(verify.output()).startsWith("OK: The chain is intact: ");
  }

  /** Runs a command line in sh in the temporary home, recording it and its output as a terminal would show. */
  private Result shell(List<String> transcript, Map<String, String> env, String commandLine) {
    long started = System.nanoTime();
    Result result = run(env, "sh", "-c", "cd '" + home + "' && " + commandLine);
    // Measured, not asserted: the wall time of kubectl and the plugin together, on whatever load the machine has.
    System.out.printf("[plugin-timing] %.2fs %s%n", (System.nanoTime() - started) / 1e9, commandLine);
    transcript.add("$ " + commandLine);
    transcript.addAll(result.output().lines().toList());
    return result;
  }

  /** The packaged plugin's own errors (its JDK HTTP client's, for the unreachable server). */
  @Test
  void thePackagedPluginSaysWhenThereIsNoClusterOrItCannotBeReached() {
    Result none = run(Map.of(), kubectl.toString(), "debugsession", "list");
    Result unreachable = run(Map.of(), PLUGIN.toString(), "list", "--kubeconfig", unreachable().toString());

    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.output()).isEqualTo("error: " + KubeconfigLocator.NO_CLUSTER + "\n");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.output()).isEqualTo("error: cannot reach the cluster at https://127.0.0.1:9/: "
        + "connection refused\n");
  }

  private Path unreachable() {
    try {
      return Files.writeString(home.resolve("unreachable.kubeconfig"), """
          apiVersion: v1
          kind: Config
          clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
          users: [{name: u, user: {token: t}}]
          contexts: [{name: c, context: {cluster: c, user: u}}]
          current-context: c
          """);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private record Result(int exit, String output) {}

  /** Runs a program with target/ first on PATH, an empty HOME and no KUBECONFIG but the one given. */
  private Result run(Map<String, String> env, String... command) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
    builder.environment().remove("KUBECONFIG");
    builder.environment().put("HOME", home.toString());
    builder.environment().put("PATH", PLUGIN.getParent() + ":" + kubectl.getParent() + ":" + System.getenv("PATH"));
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
