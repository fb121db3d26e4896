package io.debugsession.operator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.testsupport.ExecResult;
import io.debugsession.operator.testsupport.PodStatusWriter;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.proxy.FaultProxy;
import io.debugsession.operator.testsupport.proxy.ProxiedRequest;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Speed, scale and memory of the packaged operator against the real control plane of the test tier. Not a test (it
 * asserts nothing and no build runs it): {@code ./mvnw -B -o -Pbench verify} packages the operator and runs only this
 * class; sizes are system properties ({@link BenchSettings}). Writes {@code bench.json} and {@code bench.md} to
 * {@code target/bench/} and prints the table.
 *
 * <p>The operator runs as its own process ({@code java -jar target/quarkus-app/quarkus-run.jar}) with the production
 * defaults, under its ServiceAccount's token, and reaches the API server through a {@link FaultProxy} with no faults
 * armed, which counts its requests and plays the kubelet's end of its stop execs (the test control plane has no node:
 * the benchmark writes what a kubelet would report: a debug container running once added, terminated at its
 * {@code expiresAt} as its deadline wrapper ends it, or when the operator's stop signals it). The benchmark's own
 * requests go to the server directly.
 */
class OperatorBenchmark {

  private static final String IMAGE_ID = "docker.io/library/busybox@sha256:"
      + "0f5ae7c11f6c4d1ff1c5e0a5a0d6b2f0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";
  private static final int CLIENT_THREADS = 16;

  private final BenchSettings settings = BenchSettings.fromSystemProperties();
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final ExecutorService users = Executors.newFixedThreadPool(CLIENT_THREADS);
  private final ScheduledExecutorService kubeletThreads = Executors.newScheduledThreadPool(4);
  private BenchTarget target;
  private String ns;
  private KubernetesClient admin;
  private KubernetesClient alice;
  private PodStatusWriter kubelet;
  private FaultProxy proxy;
  private PhaseClock phases;
  private OperatorProcess operator;

  @Test
  void run() throws Exception {
    Files.createDirectories(settings.output());
    target = BenchTarget.fromSystemProperties();
    ns = target.namespace();
    admin = target.admin();
    alice = target.requester();
    kubelet = new PodStatusWriter(admin);
    results.put("machine", machine(target));
    results.put("settings", settings.toString());
    proxy = FaultProxy.start(URI.create(target.url()));
    phases = new PhaseClock(admin, ns);
    if (target.realNodes()) {
      proxy.relayExecToNodes(); // the operator's stop execs reach the node's kubelet
    } else {
      playTheKubelet();
    }
    String token = target.operatorToken();
    try {
      operator = OperatorProcess.start(kubeconfig(proxy.url(), token), Map.of(
          "debugsession.install-crd", "false",
          "debugsession.audit.namespace", BenchTarget.OPERATOR_NAMESPACE), settings.output().resolve("operator.log"));
      results.put("startToReadyMs", operator.startToReady().toMillis());
      Bench.sleep(Duration.ofSeconds(10));
      results.put("idle", memory());
      results.put("idleRequests", requestWindow(0));
      try (KubernetesClient direct = operatorClient(target.url(), token);
          KubernetesClient viaProxy = operatorClient(proxy.url(), token)) {
        results.put("rawEphemeralContainerWrite", rawWrites(direct, viaProxy));
      }
      results.put("createToActive", sequentialLatency());
      List<Map<String, Object>> bursts = new ArrayList<>();
      for (int i = 0; i < settings.bursts().size(); i++) {
        boolean last = i == settings.bursts().size() - 1;
        bursts.add(burst("b" + i, settings.bursts().get(i), last ? settings.burstTtl() : Duration.ofMinutes(30),
            last));
      }
      results.put("bursts", bursts);
      deleteEverything();
      results.put("cycles", cycles());
    } finally {
      if (operator != null) {
        operator.close();
      }
      phases.close();
      proxy.close();
      users.shutdownNow();
      kubeletThreads.shutdownNow();
      target.close();
      // What was measured before a failure is kept (bench.json); the table needs every part.
      writeJson();
    }
    write();
  }

  /**
   * The test tier has no node: the benchmark writes what a kubelet would report through pods/status. A debug
   * container runs once added, its deadline wrapper ends it at expiresAt, and a signal from the operator's stop
   * ends it.
   */
  private void playTheKubelet() {
    proxy.exec().setHandler(request -> {
      kubelet.ephemeralTerminated(request.namespace(), request.pod(), request.container(), 143, IMAGE_ID);
      return ExecResult.success("debugsession-stop signal=TERM signalled=1\n");
    });
    phases.onPhase((session, phase) -> {
      if (phase == Phase.Active) {
        String pod = session.getSpec().getTarget().getPod();
        String container = session.getStatus().getContainerName();
        kubeletThreads.submit(() -> kubelet.ephemeralRunning(ns, pod, container, IMAGE_ID));
        long inMillis = Duration.between(Instant.now(), Instant.parse(session.getStatus().getExpiresAt())).toMillis();
        kubeletThreads.schedule(() -> kubelet.ephemeralTerminated(ns, pod, container, 143, IMAGE_ID),
            Math.max(0, inMillis), TimeUnit.MILLISECONDS);
      }
    });
  }

  // --- phases -------------------------------------------------------------------------------------------------

  /** The write kubectl debug makes (here a PUT of pods/ephemeralcontainers, the operator's verb), timed alone. */
  private Map<String, Object> rawWrites(KubernetesClient direct, KubernetesClient viaProxy) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("direct", timeRawWrites("raw-d", direct));
    out.put("throughProxy", timeRawWrites("raw-p", viaProxy));
    return out;
  }

  private Map<String, Object> timeRawWrites(String prefix, KubernetesClient writer) {
    List<Duration> samples = new ArrayList<>();
    for (int i = 0; i < settings.rawWrites(); i++) {
      Pod pod = runningPod(prefix + "-" + i);
      Pod withDebugger = TestPods.withDebugContainer(pod, TestPods.debugContainer("raw", target.debugImage(), "app"));
      long t0 = System.nanoTime();
      writer.pods().inNamespace(ns).resource(withDebugger).ephemeralContainers().update();
      samples.add(Duration.ofNanos(System.nanoTime() - t0));
    }
    return percentiles(samples);
  }

  /** Sessions created one after the other, each timed from the create request to the watch showing it Active. */
  private Map<String, Object> sequentialLatency() {
    List<Duration> samples = new ArrayList<>();
    for (int i = 0; i < settings.latencySessions(); i++) {
      String name = "lat-" + i;
      runningPod(name);
      Instant t0 = Instant.now();
      createSession(name, Duration.ofMinutes(30));
      awaitAll(List.of(name), Phase.Active, Duration.ofSeconds(60));
      samples.add(Duration.between(t0, phases.firstSeen(name, Phase.Active).orElseThrow()));
    }
    return percentiles(samples);
  }

  private Map<String, Object> burst(String prefix, int size, Duration ttl, boolean timeExpiry) throws Exception {
    List<String> names = IntStream.range(0, size).mapToObj(i -> prefix + "-" + i).toList();
    parallel(size, i -> runningPod(names.get(i)));
    Instant t0 = Instant.now();
    parallel(size, i -> createSession(names.get(i), ttl));
    Instant created = Instant.now();
    awaitAll(names, Phase.Active, Duration.ofMinutes(10));
    List<Duration> latencies = names.stream()
        .map(n -> Duration.between(t0, phases.firstSeen(n, Phase.Active).orElseThrow())).toList();
    Instant lastActive = names.stream().map(n -> phases.firstSeen(n, Phase.Active).orElseThrow())
        .max(Instant::compareTo).orElseThrow();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessions", size);
    out.put("createRequestsSeconds", seconds(Duration.between(t0, created)));
    out.put("allActiveSeconds", seconds(Duration.between(t0, lastActive)));
    out.put("activePerSecond", Math.round(size / (Duration.between(t0, lastActive).toMillis() / 1000.0) * 10) / 10.0);
    out.put("createToActive", percentiles(latencies));
    long active = activeSessions();
    out.put("activeSessionsDuringWindow", active);
    out.put("requests", requestWindow(active));
    out.put("memoryWithAllActive", memory());
    if (timeExpiry) {
      out.put("expiry", expiry(names, ttl));
    }
    return out;
  }

  /**
   * Terminal phase seen by the watch minus status.expiresAt, for sessions left to expire; and the operator's requests
   * from the first expiresAt to the last Expired, per session (what a stop costs besides the Active polling).
   */
  private Map<String, Object> expiry(List<String> names, Duration ttl) {
    Instant firstExpiry = names.stream().map(n -> Instant.parse(phases.latest(n).orElseThrow().getStatus()
        .getExpiresAt())).min(Instant::compareTo).orElseThrow();
    Duration untilFirst = Duration.between(Instant.now(), firstExpiry);
    if (!untilFirst.isNegative()) {
      Bench.sleep(untilFirst);
    }
    proxy.clear();
    Instant counting = Instant.now();
    awaitAll(names, Phase.Expired, ttl.plusMinutes(10));
    List<ProxiedRequest> requests = proxy.requests();
    Duration counted = Duration.between(counting, Instant.now());
    List<Duration> lateness = new ArrayList<>();
    for (String n : names) {
      Instant expiresAt = Instant.parse(phases.latest(n).orElseThrow().getStatus().getExpiresAt());
      lateness.add(Duration.between(expiresAt, phases.firstSeen(n, Phase.Expired).orElseThrow()));
    }
    Map<String, Object> out = percentiles(lateness);
    out.put("sessions", names.size());
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("seconds", seconds(counted));
    cost.put("requests", requests.size());
    cost.put("perSession", Math.round(requests.size() * 100.0 / names.size()) / 100.0);
    cost.put("byKind", new TreeMap<>(requests.stream().collect(Collectors.groupingBy(OperatorBenchmark::kind,
        Collectors.counting()))));
    out.put("requestsWhileExpiring", cost);
    return out;
  }

  /**
   * Create/stop/delete cycles in waves, with the operator's memory (live heap after a full GC, RSS, a class
   * histogram in {@code histogram-N.txt}) at each checkpoint, taken once every wave before it is finished and no
   * session is left. Between checkpoints two waves are in flight: one is created while the other waits for its TTL.
   * In {@code expire} mode (the default) each session runs out its TTL (the minimum, 1m) and is deleted once
   * Expired; in {@code end} mode its requester ends it at once ({@code spec.end}: the TERM exec, then Ended).
   */
  private Map<String, Object> cycles() throws Exception {
    Instant t0 = Instant.now();
    List<Map<String, Object>> checkpoints = new ArrayList<>();
    checkpoints.add(checkpoint(0, t0));
    ExecutorService waves = Executors.newFixedThreadPool(2);
    try {
      int done = 0;
      int wave = 0;
      for (int checkpoint : settings.cycleCheckpoints()) {
        List<Future<?>> inFlight = new ArrayList<>();
        while (done < checkpoint) {
          int size = Math.min(settings.cycleWave(), checkpoint - done);
          List<String> names = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            names.add("c" + wave + "-" + i);
          }
          inFlight.add(waves.submit(() -> {
            cycle(names);
            return null;
          }));
          done += size;
          wave++;
          // At most two waves at once: wait for the older one before starting a third.
          if (inFlight.size() >= 2) {
            inFlight.remove(0).get(30, TimeUnit.MINUTES);
          }
        }
        for (Future<?> f : inFlight) {
          f.get(30, TimeUnit.MINUTES);
        }
        checkpoints.add(checkpoint(done, t0));
      }
    } finally {
      waves.shutdownNow();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cycles", settings.cycleCheckpoints().isEmpty() ? 0
        : settings.cycleCheckpoints().get(settings.cycleCheckpoints().size() - 1));
    out.put("seconds", Duration.between(t0, Instant.now()).toSeconds());
    out.put("mode", settings.cycleMode().equals("end")
        ? "create, Active, end (spec.end: TERM exec, Ended), delete"
        : "create (TTL 1m), Active, expire (the wrapper ends it at expiresAt: Expired), delete");
    out.put("checkpoints", checkpoints);
    return out;
  }

  /** One wave: pods and sessions created, brought Active, stopped, then deleted with their pods. */
  private void cycle(List<String> names) throws Exception {
    boolean end = settings.cycleMode().equals("end");
    parallel(names.size(), i -> runningPod(names.get(i)));
    parallel(names.size(), i -> createSession(names.get(i), end ? Duration.ofMinutes(30) : Duration.ofMinutes(1)));
    awaitAll(names, Phase.Active, Duration.ofMinutes(10));
    if (end) {
      // A merge patch, as kubectl patch --type=merge: no resourceVersion to conflict with the operator's status writes.
      parallel(names.size(), i -> alice.resources(DebugSession.class).inNamespace(ns).withName(names.get(i))
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"end\":true}}"));
    }
    awaitAll(names, end ? Phase.Ended : Phase.Expired, Duration.ofMinutes(10));
    parallel(names.size(), i -> admin.resources(DebugSession.class).inNamespace(ns).withName(names.get(i)).delete());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (phases.present(names) > 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Sessions still there 10 minutes after their deletion");
      }
      Bench.sleep(Duration.ofMillis(500));
    }
    parallel(names.size(), i -> admin.pods().inNamespace(ns).withName(names.get(i)).withGracePeriod(0).delete());
    phases.forget(names);
  }

  private Map<String, Object> checkpoint(int cycles, Instant t0) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cycles", cycles);
    out.put("seconds", Duration.between(t0, Instant.now()).toSeconds());
    out.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).trim());
    out.putAll(memory());
    Files.writeString(settings.output().resolve("histogram-" + cycles + ".txt"), operator.classHistogram());
    System.out.printf("[bench] %d cycles after %d s: %s%n", cycles, Duration.between(t0, Instant.now()).toSeconds(),
        out);
    return out;
  }

  // --- measuring ----------------------------------------------------------------------------------------------

  private Map<String, Object> memory() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rssMiB", Bench.mib(operator.residentBytes()));
    out.put("heapUsedAfterFullGcMiB", Bench.mib(operator.heapUsedAfterGcBytes()));
    out.put("rssAfterGcMiB", Bench.mib(operator.residentBytes()));
    return out;
  }

  /** The operator's requests over the window, per Active session per minute, with a breakdown by kind. */
  private Map<String, Object> requestWindow(long activeSessions) {
    proxy.clear();
    Bench.sleep(settings.window());
    List<ProxiedRequest> requests = proxy.requests();
    double minutes = settings.window().toMillis() / 60_000.0;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("windowSeconds", settings.window().toSeconds());
    out.put("requests", requests.size());
    out.put("perMinute", Math.round(requests.size() / minutes * 10) / 10.0);
    out.put("perSessionPerMinute", activeSessions == 0 ? null
        : Math.round(requests.size() / minutes / activeSessions * 100) / 100.0);
    out.put("byKind", new TreeMap<>(requests.stream().collect(Collectors.groupingBy(OperatorBenchmark::kind,
        Collectors.counting()))));
    return out;
  }

  /** e.g. {@code GET pods}, {@code PATCH debugsessions/status}, {@code GET watch debugsessions}: names left out. */
  static String kind(ProxiedRequest r) {
    List<String> parts = new ArrayList<>(List.of(r.path().replaceFirst("^/", "").split("/")));
    // /api/v1/... or /apis/<group>/<version>/...
    List<String> rest = parts.get(0).equals("api") ? parts.subList(Math.min(2, parts.size()), parts.size())
        : parts.subList(Math.min(3, parts.size()), parts.size());
    if (rest.size() >= 2 && rest.get(0).equals("namespaces") && rest.size() > 2) {
      rest = rest.subList(2, rest.size());
    }
    String what = rest.isEmpty() ? r.path() : rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
    boolean watch = r.query() != null && r.query().contains("watch=true");
    return r.method() + (watch ? " watch " : " ") + what;
  }

  private static Map<String, Object> percentiles(List<Duration> samples) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", samples.size());
    out.put("p50Ms", Bench.percentileMillis(samples, 50));
    out.put("p95Ms", Bench.percentileMillis(samples, 95));
    out.put("p99Ms", Bench.percentileMillis(samples, 99));
    out.put("maxMs", Bench.percentileMillis(samples, 100));
    return out;
  }

  // --- the cluster --------------------------------------------------------------------------------------------

  private Pod runningPod(String name) {
    Pod created = admin.resource(target.targetPod(name)).create();
    if (!target.realNodes()) {
      return kubelet.podRunning(ns, name);
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    for (Pod pod = created; ; pod = admin.pods().inNamespace(ns).withName(name).get()) {
      if (pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
        return pod;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Pod " + ns + "/" + name + " not Running within 5 minutes: "
            + (pod == null ? "gone" : pod.getStatus()));
      }
      Bench.sleep(Duration.ofMillis(200));
    }
  }

  private void createSession(String name, Duration ttl) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec(name, "app"));
    spec.setImage(target.debugImage());
    spec.setTtl(ttl.toMinutes() + "m");
    spec.setReason("benchmark");
    spec.setRequester(target.requesterName());
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    session.setSpec(spec);
    alice.resource(session).create();
  }

  private long activeSessions() {
    return admin.resources(DebugSession.class).inNamespace(ns).list().getItems().stream()
        .filter(s -> s.getStatus() != null && s.getStatus().getPhase() == Phase.Active).count();
  }

  private void awaitAll(List<String> names, Phase phase, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (phases.countIn(names, phase) < names.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(phases.countIn(names, phase) + " of " + names.size() + " sessions reached "
            + phase + " within " + timeout);
      }
      Bench.sleep(Duration.ofMillis(names.size() == 1 ? 1 : 100));
    }
  }

  /** Deletes every session of the namespace (the operator lets each go once its deletion is audited), then pods. */
  private void deleteEverything() throws Exception {
    // One by one: kube-apiserver closed a single collection delete of 1,120 sessions before it had finished.
    List<String> names = admin.resources(DebugSession.class).inNamespace(ns).list().getItems().stream()
        .map(s -> s.getMetadata().getName()).toList();
    parallel(names.size(), i -> admin.resources(DebugSession.class).inNamespace(ns).withName(names.get(i)).delete());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (!admin.resources(DebugSession.class).inNamespace(ns).list().getItems().isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Sessions still there 10 minutes after their deletion");
      }
      Bench.sleep(Duration.ofMillis(500));
    }
    admin.pods().inNamespace(ns).withGracePeriod(0).delete();
  }

  private void parallel(int n, IntConsumer task) throws Exception {
    List<Future<?>> futures = IntStream.range(0, n).mapToObj(i -> users.submit(() -> task.accept(i)))
        .collect(Collectors.toList());
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
  }

  private static KubernetesClient operatorClient(String url, String token) {
    return new KubernetesClientBuilder().withConfig(KubeApiServer.config(url, token, "bench-raw-writer")).build();
  }

  private Path kubeconfig(String url, String token) throws IOException {
    Path file = settings.output().resolve("operator.kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bench
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: operator
          user: {token: "%s"}
        contexts:
        - name: bench
          context: {cluster: bench, user: operator, namespace: %s}
        current-context: bench
        """.formatted(url, token, BenchTarget.OPERATOR_NAMESPACE));
    return file;
  }

  private static Map<String, Object> machine(BenchTarget target) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpus", Runtime.getRuntime().availableProcessors());
    out.put("cpuModel", Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("?"));
    out.put("memTotal", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceFirst(".*:\\s*", ""));
    out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    out.put("kubeApiServer", target.apiServerVersion());
    out.put("target", target.describe());
    out.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
    return out;
  }

  private static double seconds(Duration d) {
    return Math.round(d.toMillis() / 100.0) / 10.0;
  }

  // --- output -------------------------------------------------------------------------------------------------

  private void writeJson() throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(settings.output().resolve("bench.json"), json.writeValueAsString(results));
  }

  private void write() throws IOException {
    String table = BenchTable.markdown(results);
    Files.writeString(settings.output().resolve("bench.md"), table);
    System.out.println(table);
  }
}
