package io.debugsession.operator.testsupport.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where kube-apiserver, kubectl and etcd are: the directory {@code test/cluster/build.sh} prints, which builds them
 * from the Go modules pinned in {@code test/cluster/versions.env} the first time and answers at once after that.
 * Running the script from here means {@code ./mvnw verify} on a fresh clone needs nothing installed by hand but Go.
 */
public record ClusterBinaries(Path directory) {

  private static final Path BUILD_SCRIPT = Path.of("test/cluster/build.sh");

  public static ClusterBinaries buildIfNeeded() {
    ProcessBuilder build = new ProcessBuilder("bash", BUILD_SCRIPT.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT); // its progress, on the test's console
    try {
      Process process = build.start();
      List<String> lines;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        lines = out.lines().toList();
      }
      int exit = process.waitFor();
      if (exit != 0 || lines.isEmpty()) {
        throw new IllegalStateException(BUILD_SCRIPT + " failed with exit code " + exit
            + "; the real API server cannot start without its binaries");
      }
      ClusterBinaries binaries = new ClusterBinaries(Path.of(lines.get(lines.size() - 1)));
      binaries.requirePresent();
      return binaries;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + BUILD_SCRIPT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while building the test cluster", e);
    }
  }

  public Path kubeApiServer() {
    return directory.resolve("kube-apiserver");
  }

  public Path etcd() {
    return directory.resolve("etcd");
  }

  public Path kubectl() {
    return directory.resolve("kubectl");
  }

  private void requirePresent() {
    for (Path binary : List.of(kubeApiServer(), etcd(), kubectl())) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(binary + " is missing although " + BUILD_SCRIPT + " succeeded");
      }
    }
  }
}
