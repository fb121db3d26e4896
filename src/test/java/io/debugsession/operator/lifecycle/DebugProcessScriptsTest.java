package io.debugsession.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real scripts under /bin/sh. The debug container is played by a fresh mount namespace ({@code unshare -m}),
 * and the target application by a process left in the test's own namespace: the one the scripts must never signal.
 * Skipped where mount namespaces cannot be created (no root or no unshare).
 */
class DebugProcessScriptsTest {

  private Process application;

  @BeforeEach
  void startApplication() throws Exception {
    assumeTrue(canUnshareMountNamespace(), "needs unshare -m (root) to play the debug container");
    application = new ProcessBuilder("sleep", "300").start();
  }

  @AfterEach
  void stopApplication() {
    if (application != null) {
      application.destroyForcibly();
    }
  }

  @Test
  void scriptsSurviveKubernetesVariableExpansion() {
    // The kubelet rewrites $(VAR) and $$ in command and args; the scripts must contain neither.
    for (String script : List.of(DebugProcessScripts.WRAPPER_SCRIPT, DebugProcessScripts.WATCHDOG_SCRIPT,
        DebugProcessScripts.STOP_SCRIPT)) {
      assertThat(script).doesNotContain("$(").doesNotContain("$$");
    }
  }

  @Test
  void stopSignalsOnlyTheProcessesOfItsOwnMountNamespace() throws Exception {
    Result result = runInDebugContainer(List.of("sh", "-c",
        "sleep 300 & sleep 300 & exec sh -c \"$0\" debugsession-stop TERM", DebugProcessScripts.STOP_SCRIPT), Map.of());

    assertThat(result.stdout()).contains("debugsession-stop signal=TERM signalled=2");
    assertThat(application.isAlive()).isTrue();
  }

  @Test
  void wrapperStopsTheDebuggerAtTheDeadline() throws Exception {
    Result result = runWrapped(List.of("sleep", "300"), 2);

    assertThat(result.exitCode()).isEqualTo(128 + 15);
    assertThat(application.isAlive()).isTrue();
  }

  @Test
  void wrapperKillsADebuggerThatIgnoresTerm() throws Exception {
    Result result = runWrapped(List.of("sh", "-c", "trap '' TERM; sleep 300"), 2);

    assertThat(result.exitCode()).isEqualTo(128 + 9);
    assertThat(application.isAlive()).isTrue();
  }

  @Test
  void wrapperRefusesToStartAfterTheDeadline(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("started");

    Result result = runWrapped(List.of("touch", marker.toString()), -1);

    assertThat(result.exitCode()).isEqualTo(DebugProcessScripts.EXIT_DEADLINE_PASSED);
    assertThat(result.stderr()).contains("does not start after its deadline");
    assertThat(marker).doesNotExist();
  }

  @Test
  void wrapperPassesTheDebuggersExitCodeThrough() throws Exception {
    Result result = runWrapped(List.of("sh", "-c", "exit 7"), 60);

    assertThat(result.exitCode()).isEqualTo(7);
  }

  private Result runWrapped(List<String> userCommand, long secondsToDeadline) throws Exception {
    List<String> command = new ArrayList<>(DebugProcessScripts.wrapperCommand());
    command.addAll(userCommand);
    long deadline = System.currentTimeMillis() / 1000 + secondsToDeadline;
    return runInDebugContainer(command, Map.of(
        DebugProcessScripts.ENV_EXPIRES_AT, Long.toString(deadline),
        DebugProcessScripts.ENV_GRACE_SECONDS, "1"));
  }

  private static Result runInDebugContainer(List<String> command, Map<String, String> env) throws Exception {
    List<String> full = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private"));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    boolean finished = process.waitFor(60, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("script finished").isTrue();
    return new Result(process.exitValue(), read(process.getInputStream()), read(process.getErrorStream()));
  }

  private static String read(java.io.InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static boolean canUnshareMountNamespace() {
    try {
      Process p = new ProcessBuilder("unshare", "-m", "--propagation", "private", "true").start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isExecutable(Path.of("/bin/sh"));
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}
}
