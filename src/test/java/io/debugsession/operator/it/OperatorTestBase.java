package io.debugsession.operator.it;

import static org.awaitility.Awaitility.await;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.kube.ExecDebugProcessSignaller;
import io.debugsession.operator.testsupport.EmulatedKubeApiServer;
import io.debugsession.operator.testsupport.ExecRequest;
import io.debugsession.operator.testsupport.ExecResult;
import io.debugsession.operator.testsupport.PodStatusWriter;
import io.debugsession.operator.testsupport.TestPods;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The operator, in this JVM, against the fabric8 mock server in CRUD mode with the pieces a real API server has and
 * the mock lacks emulated in test code (see {@link EmulatedKubeApiServer}): the pods/ephemeralcontainers
 * subresource and exec. There is no kubelet: tests play it with {@link PodStatusWriter}. Server-side apply is off, as
 * the mock answers it with 415. Schema and CEL validation are not enforced by the mock; the *SchemaIT check them on
 * the real API server.
 */
abstract class OperatorTestBase {

  static final String NS = "shop";
  static final String OPERATOR_NS = "debugsession-system";
  static final String POD = "checkout";
  static final String APP = "app";
  static final String IMAGE_ID = "docker.io/library/busybox@sha256:0f5ae7c11f6c4d1ff1c5e0a5a0d6b2f0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";

  /** The operator's own client says so in its User-Agent, so its requests can be told from the test's. */
  static final String OPERATOR_AGENT = "debugsession-operator-under-test";

  EmulatedKubeApiServer api;
  KubernetesClient client;
  private KubernetesClient operatorClient;
  PodStatusWriter kubelet;
  ShiftableClock clock;
  /** What the operator wrote on its audit log category, one JSON record per line. */
  final List<String> auditLines = new CopyOnWriteArrayList<>();
  private InProcessOperator operator;

  @BeforeEach
  void startOperator() {
    api = EmulatedKubeApiServer.start();
    client = api.createClient();
    operatorClient = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()).build();
    client.resource(crd("debugsessions")).create(); // the mock serves /status only for a known CRD
    client.resource(crd("debugpolicies")).create();
    kubelet = new PodStatusWriter(client);
    clock = new ShiftableClock();
    // The kubelet of these tests: a TERM or KILL from the operator ends the debug container at once.
    api.exec().setHandler(request -> {
      kubelet.ephemeralTerminated(request.namespace(), request.pod(), request.container(), 143, IMAGE_ID,
          clock.instant());
      return ExecResult.success("debugsession-stop signal=" + last(request) + " signalled=2\n");
    });
    operator = startInProcess();
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.close();
    }
    operatorClient.close();
    client.close();
    api.close();
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

  void restartOperatorRequiringVerifiedRequesters() {
    operator.close();
    operator = startInProcess(true);
  }

  private InProcessOperator startInProcess() {
    return startInProcess(false);
  }

  private InProcessOperator startInProcess(boolean requireVerifiedRequester) {
    return InProcessOperator.start(operatorClient, false, InProcessOperator.FAST,
        new ExecDebugProcessSignaller(operatorClient, Duration.ofSeconds(10)), clock, requireVerifiedRequester,
        auditing());
  }

  /** The audit trail of the operator under test: its chain in {@link #OPERATOR_NS}, its log lines collected. */
  InProcessOperator.Audit auditing() {
    return new InProcessOperator.Audit(OPERATOR_NS, auditLines::add, Optional.empty(), Duration.ZERO);
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

  DebugSession createSession(String name) {
    return createSession(name, spec -> {});
  }

  DebugSession createSession(String name, Consumer<DebugSessionSpec> customize) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec(POD, APP));
    spec.setImage("busybox:1.37");
    spec.setTtl("1m");
    spec.setReason("INC-42: checkout returns 500s");
    customize.accept(spec);
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    session.setSpec(spec);
    return client.resource(session).create();
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
        .sorted(java.util.Comparator.comparing(Event::getFirstTimestamp))
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

  private static CustomResourceDefinition crd(String plural) {
    try (InputStream in = new FileInputStream("crds/" + plural + ".debugsession.io-v1.yml")) {
      return new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
          .unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
