package io.debugsession.operator.testsupport.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real kubectl in a terminal, as a person runs {@code kubectl attach -it}: kubectl asks for a TTY only when its
 * own stdin is one (without, it attaches to a TTY container in a mode the kubelet refuses), so it runs under a
 * pseudo-terminal made by util-linux's {@code script}. What is typed goes to the container's terminal; what the
 * container's terminal shows is collected. Closing kills kubectl, which detaches without ending the container's
 * shell: no end-of-file is typed.
 */
public final class KubectlTerminal implements AutoCloseable {

  private final Process process;
  private final OutputStream keyboard;
  private final StringBuffer screen = new StringBuffer();
  private final String description;

  private KubectlTerminal(Process process, String description) {
    this.process = process;
    this.keyboard = process.getOutputStream();
    this.description = description;
    Thread reader = new Thread(() -> copy(process.getInputStream()), "kubectl-terminal");
    reader.setDaemon(true);
    reader.start();
  }

  static KubectlTerminal start(Path kubectl, Path kubeconfig, String... args) {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig=" + kubeconfig));
    command.addAll(List.of(args));
    String commandLine = command.stream().map(KubectlTerminal::quoted).collect(Collectors.joining(" "));
    // -q: no start and end banners; -e: script's exit code is kubectl's; the typescript itself is not kept.
    ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c", commandLine, "/dev/null")
        .redirectErrorStream(true);
    builder.environment().put("SHELL", "/bin/sh");
    builder.environment().put("TERM", "dumb");
    try {
      return new KubectlTerminal(builder.start(), "kubectl " + String.join(" ", args));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + commandLine + " under script", e);
    }
  }

  /** Types {@code line} and Enter. */
  public void typeLine(String line) {
    try {
      keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not type into " + description + ":\n" + screen, e);
    }
  }

  /** Everything the terminal has shown so far, once it shows {@code text}; throws with it after {@code timeout}. */
  public String awaitScreen(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean exited = false;
    while (System.nanoTime() < deadline && !exited) {
      exited = !process.isAlive(); // one more look after it exits: its last output may still be on its way
      sleep(Duration.ofMillis(100));
      if (screen.indexOf(text) >= 0) {
        return screen.toString();
      }
    }
    throw new IllegalStateException(description + (exited ? " exited with " + process.exitValue() : " timed out after "
        + timeout) + " without showing \"" + text + "\":\n" + screen);
  }

  /** Kills kubectl (and script): the attach ends, the container's shell goes on. */
  @Override
  public void close() {
    Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void copy(InputStream out) {
    byte[] buffer = new byte[4096];
    try (out) {
      for (int n; (n = out.read(buffer)) >= 0; ) {
        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      screen.append("\n[terminal closed: ").append(e.getMessage()).append(']');
    }
  }

  /** One word for {@code sh -c}, whatever it contains. */
  private static String quoted(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
