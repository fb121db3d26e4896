package io.debugsession.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.debugsession.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One test's namespace on the real node, and what the test does there as people: an admin creates the namespace, its
 * DebugPolicy and the target pods; alice (debugsession-requester) asks for sessions and ends them. Readings come from
 * the API server as the kubelet reports them ({@code status.ephemeralContainerStatuses}, {@code pods/log}), not from
 * the operator's own status alone. Measured latencies are printed as {@code [e2e-timing] <namespace> <what>=<value>}.
 */
final class NodeScenario {

  /** The distroless application: records every signal it receives (stdout and /tmp/signals), exits on TERM. */
  static final String TARGET_IMAGE = "debugsession.test/distroless-target:1";
  /** On the node under this name too: the debug shell, Debian's busybox. */
  static final String DEBUG_IMAGE = "busybox:1.37";
  static final String APP = "app";
  /**
   * What a debug user may do, being root in a container of their own: kill the deadline wrapper's watchdog (the
   * process whose $0 is debugsession-watchdog), so that only the operator can stop the debugger. A shell prefix.
   */
  // Loops until it has killed one: the wrapper starts the watchdog in the background, so on a loaded machine the
  // debugger's command can look before the watchdog exists (seen: the escape silently failed).
  static final String KILL_WATCHDOG = "killed=; until [ -n \"$killed\" ]; do for d in /proc/[0-9]*; do"
      + " [ \"`tr '\\0\\n' '\\n ' < $d/cmdline 2>/dev/null | sed -n 4p`\" = debugsession-watchdog ]"
      + " && kill -KILL ${d#/proc/} && echo killed the watchdog && killed=1; done;"
      + " [ -n \"$killed\" ] || sleep 0.2; done; ";
  /** The shortest TTL the CRD admits. */
  static final String TTL = "1m";
  static final Duration POD_START = Duration.ofSeconds(60);
  /** Long enough for a 1m TTL, the stop that follows it and a loaded machine. */
  static final Duration SESSION_LIFETIME = Duration.ofSeconds(120);

  private final RealNodeCluster cluster;
  private final KubernetesClient admin;
  private final KubernetesClient alice;
  private final String namespace;

  private NodeScenario(RealNodeCluster cluster, KubernetesClient admin, KubernetesClient alice, String namespace) {
    this.cluster = cluster;
    this.admin = admin;
    this.alice = alice;
    this.namespace = namespace;
  }

  /** A new namespace, alice a requester in it, its "default" ServiceAccount made by the controller-manager. */
  static NodeScenario create(RealNodeCluster cluster, KubernetesClient admin, KubernetesClient alice,
      String namespace) {
    TestNamespace.create(admin, namespace, Map.of());
    await().atMost(Duration.ofSeconds(30))
        .until(() -> admin.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
    return new NodeScenario(cluster, admin, alice, namespace);
  }

  String namespace() {
    return namespace;
  }

  /**
   * A DebugPolicy for this namespace alone, like the sample's: busybox, the everyday profiles, no approval, sessions
   * of 1m to 10m, and {@code onExpiry} (Stop or StopAndEvict).
   */
  void policy(String onExpiry) {
    policy(onExpiry, "Report", "[general, baseline, restricted]");
  }

  /** The same policy, with what happens when a stop fails and which profiles sessions may use. */
  void policy(String onExpiry, String onStopFailure, String profiles) {
    String yaml = """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugPolicy
        metadata:
          name: %1$s
        spec:
          namespaces: ["%1$s"]
          images:
            allowed: ["docker.io/library/busybox"]
          profiles: %4$s
          ttl: {default: 1m, max: 10m}
          approval: {required: false}
          maxEphemeralContainersPerPod: 10
          onExpiry: %2$s
          onStopFailure: %3$s
        """.formatted(namespace, onExpiry, onStopFailure, profiles);
    admin.resource(admin.getKubernetesSerialization().unmarshal(yaml, DebugPolicy.class)).create();
  }

  /** A running pod of the signal-recording application, as container {@value #APP}. */
  Pod runningTarget(String name) {
    admin.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().addNewContainer().withName(APP).withImage(TARGET_IMAGE).withImagePullPolicy("Never")
        .endContainer().endSpec().build()).create();
    return awaitPod(name, p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
  }

  /** A session asked for by alice, as herself, on container {@value #APP} of {@code pod}: busybox, general, 1m. */
  DebugSession createSession(String name, String pod, Consumer<DebugSessionSpec> customize) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec(pod, APP));
    spec.setImage(DEBUG_IMAGE);
    spec.setProfile(Profile.GENERAL);
    spec.setTtl(TTL);
    spec.setReason("INC-9: end-to-end on a real node");
    spec.setRequester(TestUser.REQUESTER.userName());
    customize.accept(spec);
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    session.setSpec(spec);
    return alice.resource(session).create();
  }

  /** alice ends her session early, as `kubectl patch dbg NAME --type=merge -p '{"spec":{"end":true}}'` does. */
  void endAsRequester(String name) {
    cluster.kubectl(TestUser.REQUESTER, "patch", "dbg", name, "-n", namespace, "--type=merge",
        "-p", "{\"spec\":{\"end\":true}}");
  }

  DebugSession session(String name) {
    return admin.resources(DebugSession.class).inNamespace(namespace).withName(name).get();
  }

  DebugSession awaitPhase(String name, Phase phase, Duration timeout) {
    return await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> session(name),
        s -> s != null && s.getStatus() != null && s.getStatus().getPhase() == phase);
  }

  Pod pod(String name) {
    return admin.pods().inNamespace(namespace).withName(name).get();
  }

  Pod awaitPod(String name, Predicate<Pod> condition) {
    return await().atMost(POD_START).pollInterval(Duration.ofMillis(200)).until(() -> pod(name),
        p -> p != null && condition.test(p));
  }

  /** The debug container as the kubelet reports it, once it satisfies {@code condition}. */
  ContainerStatus awaitDebugContainer(String pod, String container, Predicate<ContainerStatus> condition,
      Duration timeout) {
    return await().atMost(timeout).pollInterval(Duration.ofMillis(200))
        .until(() -> debugContainer(pod(pod), container).orElse(null), s -> s != null && condition.test(s));
  }

  static Optional<ContainerStatus> debugContainer(Pod pod, String container) {
    List<ContainerStatus> statuses = pod.getStatus().getEphemeralContainerStatuses();
    return statuses == null ? Optional.empty()
        : statuses.stream().filter(s -> container.equals(s.getName())).findFirst();
  }

  static ContainerStatus app(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream().filter(s -> APP.equals(s.getName())).findFirst()
        .orElseThrow();
  }

  /** The application still runs in the same container, never restarted, and its log records no signal. */
  void assertApplicationUntouched(String pod, ContainerStatus before) {
    ContainerStatus now = app(pod(pod));
    assertThat(running(now)).as("the application runs: " + now.getState()).isTrue();
    assertThat(now.getRestartCount()).isZero();
    assertThat(now.getContainerID()).isEqualTo(before.getContainerID());
    assertThat(now.getState().getRunning().getStartedAt()).isEqualTo(before.getState().getRunning().getStartedAt());
    assertThat(appLog(pod)).contains("signal-recorder running as pid 1").doesNotContain("signal SIG");
  }

  static Condition condition(DebugSession session, ConditionType type) {
    Condition c = Conditions.find(session.getStatus().getConditions(), type);
    assertThat(c).as(type + " condition in " + session.getStatus().getConditions()).isNotNull();
    return c;
  }

  static boolean running(ContainerStatus status) {
    return status.getState() != null && status.getState().getRunning() != null;
  }

  static boolean terminated(ContainerStatus status) {
    return status.getState() != null && status.getState().getTerminated() != null;
  }

  /** What the application wrote on stdout, through the real pods/log. */
  String appLog(String pod) {
    return admin.pods().inNamespace(namespace).withName(pod).inContainer(APP).getLog();
  }

  /** A container's log, through the real pods/log (also of a terminated debug container). */
  String log(String pod, String container) {
    return admin.pods().inNamespace(namespace).withName(pod).inContainer(container).getLog();
  }

  /**
   * Runs {@code command} in a container through the real pods/exec, as the cluster admin: the requester's role has no
   * pods/exec, and the test reads what it needs without going through the debugger's own terminal.
   */
  Exec exec(String pod, String container, String... command) {
    return exec(admin, namespace, pod, container, command);
  }

  /** Runs {@code command} in a container through the real pods/exec as {@code client}'s user. */
  static Exec exec(KubernetesClient client, String namespace, String pod, String container, String... command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
        .writingOutput(out).writingError(err).exec(command)) {
      Integer exitCode = watch.exitCode().get(30, TimeUnit.SECONDS);
      return new Exec(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      return new Exec(null, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) + e);
    }
  }

  /** Prints a measured latency for the closing report. */
  void timing(String what, Duration value) {
    System.out.println("[e2e-timing] %s %s=%.1fs".formatted(namespace, what, value.toMillis() / 1000.0));
  }

  /** An exec's outcome; exitCode null when it did not report one. */
  record Exec(Integer exitCode, String stdout, String stderr) {
  }
}
