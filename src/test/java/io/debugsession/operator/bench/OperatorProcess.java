package io.debugsession.operator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, so that what is measured
 * (start time, resident memory, heap) is the real process's and not the benchmark's.
 */
final class OperatorProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final int httpPort;
  private final Duration startToReady;

  private OperatorProcess(Process process, int httpPort, Duration startToReady) {
    this.process = process;
    this.httpPort = httpPort;
    this.startToReady = startToReady;
  }

  /**
   * Starts the jar with {@code kubeconfig} and {@code properties}, its output in {@code log}; returns once
   * {@code /q/health/ready} answers 200.
   */
  static OperatorProcess start(Path kubeconfig, Map<String, String> properties, Path log) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: package the operator first (./mvnw -B -o package)");
    }
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(javaBinary().toString()));
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(List.of("-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    long started = System.nanoTime();
    Process process = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
        .timeout(Duration.ofSeconds(2)).build();
    long deadline = started + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The operator exited with code " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new OperatorProcess(process, port, Duration.ofNanos(System.nanoTime() - started));
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      Bench.sleep(Duration.ofMillis(20));
    }
    process.destroyForcibly();
    throw new IllegalStateException("The operator was not ready within 120 s; see " + log);
  }

  /** From the JVM's launch to the first 200 of the readiness probe (informers started and healthy). */
  Duration startToReady() {
    return startToReady;
  }

  long pid() {
    return process.pid();
  }

  /** VmRSS of /proc/&lt;pid&gt;/status. */
  long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("No VmRSS for " + process.pid());
  }

  /** Heap in use right after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}): the live set. */
  long heapUsedAfterGcBytes() {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("No heap figure from jcmd GC.heap_info");
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  /** The live objects by class ({@code jcmd GC.class_histogram}, which collects first), to see what is retained. */
  String classHistogram() {
    return jcmd("GC.class_histogram");
  }

  private String jcmd(String what) {
    Path jcmd = javaBinary().resolveSibling("jcmd");
    try {
      Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), what).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path javaBinary() {
    return Path.of(ProcessHandle.current().info().command().orElse("java"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
