package io.debugsession.operator.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl, run as a user would: with a kubeconfig of theirs. */
record Kubectl(Path binary) {

  /** Runs kubectl; returns its output, or throws with it when kubectl fails or takes more than a minute. */
  String run(Path kubeconfig, String... args) {
    return run(kubeconfig, Duration.ofSeconds(60), args);
  }

  /** Runs kubectl; returns its output, or throws with it when kubectl fails or takes more than {@code timeout}. */
  String run(Path kubeconfig, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + kubeconfig));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
