package io.debugsession.operator.it;

import static org.awaitility.Awaitility.await;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.testsupport.ExecRequest;
import io.debugsession.operator.testsupport.ExecResult;
import io.debugsession.operator.testsupport.PodStatusWriter;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.debugsession.operator.testsupport.proxy.FaultProxy;
import io.debugsession.operator.testsupport.proxy.RequestMatcher;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The operator, in this JVM, against the real kube-apiserver of {@link RealCluster}, under its own ServiceAccount
 * with exactly the rights {@code config/rbac} grants it, with the admission policies of {@code config/admission}
 * enforced. Its requests pass through a {@link FaultProxy}, which logs them and injects what a real server cannot be
 * made to do on demand (a lost response, a 5xx); the tests' own requests go to the server directly, as people:
 * {@link #requester} (alice) asks for sessions, {@link #approver} (bob) approves, {@link #client} (a cluster admin)
 * sets up pods and policies.
 *
 * <p>There is no node: tests write what a kubelet would report through {@code pods/status} ({@link #kubelet}), and
 * the proxy plays the kubelet's end of an exec once the real server has authorised it and found the pod and
 * container (see FaultProxy). Each test starts from an emptied namespace {@value #NS} and no DebugSession anywhere,
 * because the control plane is shared by the whole test JVM.
 */
abstract class OperatorTestBase {

  static final String NS = "shop";
  static final String OPERATOR_NS = RealCluster.OPERATOR_NAMESPACE;
  static final String POD = "checkout";
  static final String APP = "app";
  static final String REQUESTER = TestUser.REQUESTER.userName();
  static final String APPROVER = TestUser.APPROVER.userName();
  static final String IMAGE_ID = "docker.io/library/busybox@sha256:0f5ae7c11f6c4d1ff1c5e0a5a0d6b2f0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";

  /** The operator's own client says so in its User-Agent. */
  static final String OPERATOR_AGENT = "debugsession-operator-under-test";

  /** The operator's writes of pods/ephemeralcontainers (PUT: its ClusterRole grants update only). */
  static final RequestMatcher EPHEMERAL_CONTAINER_WRITES =
      RequestMatcher.of("PUT", path -> path.endsWith("/ephemeralcontainers"));
  /** Exec into a pod, which the proxy plays for the kubelet once the real server has authorised it. */
  static final RequestMatcher EXEC = RequestMatcher.anyMethod(path -> path.endsWith("/exec"));

  RealCluster cluster;
  /** A cluster administrator (system:masters). */
  KubernetesClient client;
  /** alice, bound to debugsession-requester in {@value #NS}. */
  KubernetesClient requester;
  /** bob, bound to debugsession-approver in {@value #NS}. */
  KubernetesClient approver;
  /** Everything the operator sends goes through it. */
  FaultProxy proxy;
  private KubernetesClient operatorClient;
  PodStatusWriter kubelet;
  ShiftableClock clock;
  /** What the operator wrote on its audit log category, one JSON record per line. */
  final List<String> auditLines = new CopyOnWriteArrayList<>();
  private InProcessOperator operator;

  @BeforeEach
  void startOperator() {
    cluster = RealCluster.get();
    client = cluster.client(TestUser.ADMIN);
    requester = cluster.client(TestUser.REQUESTER);
    approver = cluster.client(TestUser.APPROVER);
    TestNamespace.prepare(client, NS);
    TestNamespace.deleteAllSessions(client);
    TestNamespace.forgetAuditChain(client, OPERATOR_NS, InProcessOperator.CHAIN_CONFIG_MAP);
    kubelet = new PodStatusWriter(client);
    clock = new ShiftableClock();
    connectOperator();
    operator = startInProcess();
  }

  /** A new proxy, and an operator client that reaches the server through it only. */
  private void connectOperator() {
    proxy = FaultProxy.start(URI.create(cluster.server().url()));
    String url = operatorThroughProxy() ? proxy.url() : cluster.server().url();
    operatorClient = new KubernetesClientBuilder()
        .withConfig(operatorClientConfig(KubeApiServer.config(url, cluster.operatorToken(), OPERATOR_AGENT)))
        .build();
    // The kubelet of these tests: a TERM or KILL from the operator ends the debug container at once.
    proxy.exec().setHandler(request -> {
      kubelet.ephemeralTerminated(request.namespace(), request.pod(), request.container(), 143, IMAGE_ID,
          clock.instant());
      return ExecResult.success("debugsession-stop signal=" + last(request) + " signalled=2\n");
    });
  }

  /**
   * Whether the operator reaches the server through {@link #proxy} (then it can inject faults, count requests and play
   * the kubelet's end of execs), or directly.
   */
  boolean operatorThroughProxy() {
    return true;
  }

  /** The operator's client configuration; a test may shorten its timeouts. */
  Config operatorClientConfig(Config config) {
    return config;
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
    operatorClient.close();
    proxy.close();
    approver.close();
    requester.close();
    client.close();
  }

  /** Creates a cluster-scoped DebugPolicy from YAML (its spec only). */
  void createPolicy(String name, String specYaml) {
    String yaml = "apiVersion: debugsession.io/v1alpha1\nkind: DebugPolicy\nmetadata:\n  name: " + name
        + "\nspec:\n" + specYaml.indent(2);
    client.resource(client.getKubernetesSerialization().unmarshal(yaml, DebugPolicy.class)).create();
  }

  void restartOperator() {
    restartOperator(() -> {});
  }

  /** Stops the operator, lets {@code meanwhile} happen unseen, and starts it again. */
  void restartOperator(Runnable meanwhile) {
    operator.close();
    meanwhile.run();
    operator = startInProcess();
  }

  /**
   * The operator dies where it stands, as under SIGKILL: its connections are cut first (the proxy closes, so requests in
   * flight or held by a fault never reach the server, and nothing it does afterwards does), then what is left of it is
   * stopped. {@code meanwhile} happens while no operator runs; a new one then starts with nothing but what the cluster
   * holds, through a new proxy (whose request log starts empty).
   */
  void killOperator(Runnable meanwhile) {
    proxy.close();
    operator.close();
    operatorClient.close();
    meanwhile.run();
    connectOperator();
    operator = startInProcess();
  }

  void restartOperatorRequiringVerifiedRequesters() {
    operator.close();
    operator = startInProcess(true);
  }

  private InProcessOperator startInProcess() {
    return startInProcess(false);
  }

  private InProcessOperator startInProcess(boolean requireVerifiedRequester) {
    return InProcessOperator.start(operatorClient, true, InProcessOperator.FAST,
        Duration.ofSeconds(10), clock, requireVerifiedRequester,
        auditing());
  }

  /** The audit trail of the operator under test: its chain in {@link #OPERATOR_NS}, its log lines collected. */
  InProcessOperator.Audit auditing() {
    return new InProcessOperator.Audit(OPERATOR_NS, auditLines::add, Optional.empty(), Duration.ZERO);
  }

  /** The operator's own credentials, for a test that must act as the operator does (e.g. past the bypass guard). */
  KubernetesClient operatorClient() {
    return operatorClient;
  }

  Pod runningPod() {
    client.resource(TestPods.scheduledApp(NS, POD)).create();
    return kubelet.podRunning(NS, POD);
  }

  /** A session that is Active with its debug container reported Running; returns the container's name. */
  String activeRunningSession(String name) {
    runningPod();
    createSession(name);
    String container = awaitPhase(name, Phase.Active).getStatus().getContainerName();
    kubelet.ephemeralRunning(NS, POD, container, IMAGE_ID);
    eventually().until(() -> session(name).getStatus().getDebugContainer() != null);
    return container;
  }

  /** A session asked for by alice, as herself (the identity admission policy checks spec.requester). */
  DebugSession createSession(String name) {
    return createSession(name, spec -> {});
  }

  DebugSession createSession(String name, Consumer<DebugSessionSpec> customize) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec(POD, APP));
    spec.setImage("busybox:1.37");
    spec.setTtl("1m");
    spec.setReason("INC-42: checkout returns 500s");
    spec.setRequester(REQUESTER);
    customize.accept(spec);
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    session.setSpec(spec);
    return requester.resource(session).create();
  }

  /** alice sets spec.end, as `kubectl patch dbg NAME --type=merge -p '{"spec":{"end":true}}'` does. */
  void endRequested(String name) {
    requester.resources(DebugSession.class).inNamespace(NS).withName(name)
        .edit(s -> {
          s.getSpec().setEnd(true);
          return s;
        });
  }

  DebugSession session(String name) {
    return client.resources(DebugSession.class).inNamespace(NS).withName(name).get();
  }

  DebugSession awaitPhase(String name, Phase phase) {
    eventually().until(() -> session(name) != null && session(name).getStatus() != null
        && phase == session(name).getStatus().getPhase());
    return session(name);
  }

  Pod pod() {
    return client.pods().inNamespace(NS).withName(POD).get();
  }

  /** How many times the operator wrote pods/ephemeralcontainers (each retry counts). */
  int ephemeralContainerWrites() {
    return proxy.requests(EPHEMERAL_CONTAINER_WRITES).size();
  }

  /** Moves the operator's clock past the session's deadline (plus {@code extra}). */
  void passDeadline(String name, Duration extra) {
    Instant expiresAt = Instant.parse(session(name).getStatus().getExpiresAt());
    clock.advance(Duration.between(clock.instant(), expiresAt).plus(extra));
  }

  List<String> eventReasons(String sessionName) {
    return reasons(sessionName, false);
  }

  List<String> warningReasons(String sessionName) {
    return reasons(sessionName, true);
  }

  private List<String> reasons(String sessionName, boolean warningsOnly) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> sessionName.equals(e.getInvolvedObject().getName()))
        .filter(e -> !warningsOnly || "Warning".equals(e.getType()))
        .sorted(Comparator.comparing(Event::getFirstTimestamp))
        .map(Event::getReason)
        .toList();
  }

  /** The signal an exec of the stop script asked for (its last argument). */
  static String last(ExecRequest request) {
    return request.command().get(request.command().size() - 1);
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
  }
}
