package io.debugsession.plugin;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One in-process run of {@code kubectl debugsession}: the picocli command called as {@link Main} calls it, with its
 * stdout and stderr captured and the programs it would start (kubectl attach) recorded instead of run.
 */
record PluginRun(int exit, String out, String err, List<List<String>> commands) {

  /** Records each command and answers with {@code exitCode}, as a kubectl attach that ends at once would. */
  static final class RecordingRunner implements CommandRunner {
    final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final int exitCode;

    RecordingRunner(int exitCode) {
      this.exitCode = exitCode;
    }

    @Override
    public int run(List<String> command) {
      commands.add(List.copyOf(command));
      return exitCode;
    }
  }

  static PluginRun run(String stdin, RecordingRunner runner, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    PluginEnvironment env = new PluginEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), in, runner,
        Clock.systemUTC(), Duration.ofMillis(100));
    int exit = KubectlDebugsession.run(args, env);
    return new PluginRun(exit, out.toString(), err.toString(), List.copyOf(runner.commands));
  }

  static PluginRun run(String... args) {
    return run("", new RecordingRunner(0), args);
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err + "--- commands " + commands;
  }
}
