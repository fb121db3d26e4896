package io.debugsession.operator.container;

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
 * Runs the real scripts under /bin/sh. The debug container is played by a cgroup of its own ({@link ContainerCgroup})
 * and a fresh mount namespace ({@code unshare -m}), and the target application by a process left in the test's own
 * cgroup and namespace: the one the scripts must never signal. Skipped where a cgroup or a mount namespace cannot be
 * created (no root, no writable cgroup filesystem, no unshare).
 */
class DebugProcessScriptsTest {

  private Process application;
  private ContainerCgroup container;

  @BeforeEach
  void startApplication() throws Exception {
    assumeTrue(canUnshareMountNamespace(), "needs unshare -m (root) to play the debug container");
    container = ContainerCgroup.create().orElse(null);
    assumeTrue(container != null, "needs a writable cgroup filesystem (root) to play the debug container");
    application = new ProcessBuilder("sleep", "300").start();
  }

  @AfterEach
  void stopApplication() throws Exception {
    if (application != null) {
      application.destroyForcibly();
    }
    if (container != null) {
      container.close();
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
  void stopSignalsOnlyTheProcessesOfItsOwnCgroup() throws Exception {
    Result result = runInDebugContainer(List.of("sh", "-c",
        "sleep 300 & sleep 300 & exec sh -c \"$0\" debugsession-stop TERM", DebugProcessScripts.STOP_SCRIPT), Map.of());

    assertThat(result.stdout()).contains("debugsession-stop signal=TERM signalled=2");
    assertThat(application.isAlive()).isTrue();
  }

  @Test
  void stopReachesADebuggerThatLeftTheMountNamespace(@TempDir Path dir) throws Exception {
    // unshare -m takes the debugger out of every selection by mount namespace; it stays in the container's cgroup.
    Path pidFile = dir.resolve("hidden.pid");
    Result result = runInDebugContainer(List.of("sh", "-c",
        "unshare -m sh -c 'echo $$ > \"$1\"; exec sleep 300' hidden \"$1\" & "
            + "while [ ! -s \"$1\" ]; do sleep 0.1; done; exec sh -c \"$0\" debugsession-stop TERM",
        DebugProcessScripts.STOP_SCRIPT, pidFile.toString()), Map.of());

    assertThat(result.stdout()).contains("debugsession-stop signal=TERM signalled=1");
    long hidden = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(awaitGone(hidden)).as("the debugger in its own mount namespace got TERM").isTrue();
    assertThat(application.isAlive()).isTrue();
  }

  @Test
  void stopUsesNoProgramAUserCanReplace(@TempDir Path dir) throws Exception {
    // A root debugger puts programs of its own first in PATH: whatever the script ran by name would be theirs.
    Path fakes = Files.createDirectories(dir.resolve("bin"));
    Path ran = dir.resolve("ran");
    for (String program : List.of("readlink", "expr", "kill", "cat", "grep", "sed", "awk", "ps", "pkill")) {
      Path fake = fakes.resolve(program);
      Files.writeString(fake, "#!/bin/sh\necho " + program + " >> " + ran + "\nexit 0\n");
      fake.toFile().setExecutable(true);
    }
    Result result = runInDebugContainer(List.of("sh", "-c",
        "sleep 300 & exec /bin/sh -c \"$0\" debugsession-stop TERM", DebugProcessScripts.STOP_SCRIPT),
        Map.of("PATH", fakes + ":" + System.getenv("PATH")));

    assertThat(result.stdout()).contains("debugsession-stop signal=TERM signalled=1");
    assertThat(ran).doesNotExist();
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
  void theWatchdogsKillReachesADebuggerThatLeftTheMountNamespaceAndIgnoresTerm(@TempDir Path dir)
      throws Exception {
    // The hidden debugger is killed by the watchdog itself, not only by the runtime once the wrapper is gone: this
    // test's container (unlike a node's runtime) kills what is left in the cgroup only after the checks below.
    Path pidFile = dir.resolve("hidden.pid");
    Result result = runWrapped(List.of("unshare", "-m", "sh", "-c",
        "echo $$ > " + pidFile + "; trap '' TERM; exec sleep 300 >/dev/null 2>&1"), 2);

    assertThat(result.exitCode()).isEqualTo(128 + 9);
    long hidden = Long.parseLong(Files.readString(pidFile).trim());
    assertThat(awaitGone(hidden)).as("the hidden debugger was killed").isTrue();
    assertThat(application.isAlive()).isTrue();
  }

  @Test
  void termFromAnExecSparesTheWrapperSoADebuggerThatIgnoresItRunsUntilKill() throws Exception {
    assumeTrue(canUnsharePidNamespace(), "needs unshare -p and nsenter (root) to play a pod");
    try (Pod pod = Pod.start(container)) {
      Process debugger = pod.startWrapped(
          List.of("sh", "-c", "trap 'echo TERM received' TERM; echo ready; while true; do sleep 1; done"));
      Output output = Output.of(debugger);
      output.await("ready");

      Result term = pod.exec(debugger, DebugProcessScripts.stopCommand("TERM"));

      assertThat(term.stdout()).contains("debugsession-stop signal=TERM");
      output.await("TERM received");
      assertThat(debugger.waitFor(2, TimeUnit.SECONDS)).as("the container still runs after TERM").isFalse();

      Result kill = pod.exec(debugger, DebugProcessScripts.stopCommand("KILL"));

      assertThat(kill.stdout()).contains("debugsession-stop signal=KILL");
      assertThat(debugger.waitFor(10, TimeUnit.SECONDS)).as("the container ended after KILL").isTrue();
      assertThat(debugger.exitValue()).isEqualTo(128 + 9);
      assertThat(pod.applicationAlive()).isTrue();
    }
  }

  @Test
  void aDebuggerEndedByAnExecTermExitsOnItsOwnTermsAndTheContainerWithItsStatus() throws Exception {
    assumeTrue(canUnsharePidNamespace(), "needs unshare -p and nsenter (root) to play a pod");
    try (Pod pod = Pod.start(container)) {
      Process debugger = pod.startWrapped(
          List.of("sh", "-c", "trap 'echo cleaning up; exit 3' TERM; echo ready; while true; do sleep 1; done"));
      Output output = Output.of(debugger);
      output.await("ready");

      pod.exec(debugger, DebugProcessScripts.stopCommand("TERM"));

      assertThat(debugger.waitFor(10, TimeUnit.SECONDS)).as("the container ended after TERM").isTrue();
      assertThat(debugger.exitValue()).as("the debugger's own exit status").isEqualTo(3);
      output.await("cleaning up");
      assertThat(pod.applicationAlive()).isTrue();
    }
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

  /** Whether the process {@code pid} is gone (or a zombie, dead but not yet reaped) within ten seconds. */
  private static boolean awaitGone(long pid) throws Exception {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    for (int i = 0; i < 100; i++) {
      try {
        String text = Files.readString(stat);
        if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
          return true;
        }
      } catch (IOException gone) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private Result runInDebugContainer(List<String> command, Map<String, String> env) throws Exception {
    List<String> full = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private"));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(container.enter(full));
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

  private static boolean canUnsharePidNamespace() {
    try {
      Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true").start();
      return canUnshareMountNamespace() && p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0
          && new ProcessBuilder("nsenter", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  /**
   * A pod as the kubelet makes one for a debugger: the application is PID 1 of a PID namespace of its own; the debug
   * container is a process of that namespace with a mount namespace of its own and its parent outside (the runtime's
   * shim); an exec is another such process, entering the debug container's namespaces from outside.
   */
  private static final class Pod implements AutoCloseable {

    private final Process sandbox;
    private final ProcessHandle application;
    private final ContainerCgroup debugContainer;

    private Pod(Process sandbox, ProcessHandle application, ContainerCgroup debugContainer) {
      this.sandbox = sandbox;
      this.application = application;
      this.debugContainer = debugContainer;
    }

    /** The debug container and every exec into it are put in {@code debugContainer}, as the runtime does. */
    static Pod start(ContainerCgroup debugContainer) throws Exception {
      Process sandbox = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "--kill-child",
          "sleep", "300").start();
      return new Pod(sandbox, child(sandbox.toHandle()), debugContainer);
    }

    /** The wrapper with {@code userCommand}, its deadline five minutes away, as the debug container's command. */
    Process startWrapped(List<String> userCommand) throws Exception {
      List<String> command = new ArrayList<>(List.of("nsenter", "--target", Long.toString(application.pid()),
          "--pid", "--", "unshare", "--mount", "--propagation", "private", "--mount-proc"));
      command.addAll(DebugProcessScripts.wrapperCommand());
      command.addAll(userCommand);
      ProcessBuilder builder = new ProcessBuilder(debugContainer.enter(command)).redirectErrorStream(true);
      builder.environment().put(DebugProcessScripts.ENV_EXPIRES_AT,
          Long.toString(System.currentTimeMillis() / 1000 + 300));
      builder.environment().put(DebugProcessScripts.ENV_GRACE_SECONDS, "1");
      return builder.start();
    }

    /** Runs {@code command} in the debug container as pods/exec does: in its namespaces, its parent outside. */
    Result exec(Process debugger, List<String> command) throws Exception {
      ProcessHandle wrapper = child(debugger.toHandle());
      List<String> full = new ArrayList<>(List.of("nsenter", "--target", Long.toString(wrapper.pid()), "--pid",
          "--mount", "--"));
      full.addAll(command);
      Process process = new ProcessBuilder(debugContainer.enter(full)).start();
      process.getOutputStream().close();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exec finished").isTrue();
      return new Result(process.exitValue(), read(process.getInputStream()), read(process.getErrorStream()));
    }

    boolean applicationAlive() {
      return application.isAlive();
    }

    @Override
    public void close() {
      sandbox.destroyForcibly(); // --kill-child: the application, and with PID 1 the whole namespace
    }

    /** The one process {@code parent} forked (nsenter and unshare --fork run their command as a child). */
    private static ProcessHandle child(ProcessHandle parent) throws InterruptedException {
      for (int i = 0; i < 100; i++) {
        var children = parent.children().toList();
        if (!children.isEmpty()) {
          return children.get(0);
        }
        Thread.sleep(50);
      }
      throw new IllegalStateException("no child of " + parent.info().commandLine().orElse("pid " + parent.pid()));
    }
  }

  /** A process's stdout as it comes. */
  private static final class Output {

    private final StringBuffer text = new StringBuffer();

    static Output of(Process process) {
      Output output = new Output();
      Thread reader = new Thread(() -> {
        try (var in = process.getInputStream()) {
          byte[] buffer = new byte[1024];
          for (int n; (n = in.read(buffer)) >= 0; ) {
            output.text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          output.text.append(e);
        }
      });
      reader.setDaemon(true);
      reader.start();
      return output;
    }

    void await(String expected) throws InterruptedException {
      for (int i = 0; i < 100 && text.indexOf(expected) < 0; i++) {
        Thread.sleep(100);
      }
      assertThat(text.toString()).contains(expected);
    }
  }
}
