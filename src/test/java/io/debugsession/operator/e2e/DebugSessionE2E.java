package io.debugsession.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.chain.ChainState;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.FileInputStream;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator against a real API server and kubelet (k3s): the sample distroless pod gets one ephemeral container,
 * the session goes Active, and at the TTL the debugger is gone while the application container never restarted.
 * Runs only where a Docker engine is available; skipped otherwise, counted as skipped in its report and saying so on
 * the console (the real-node *E2E classes cover the same paths without Docker).
 */
class DebugSessionE2E {

  private static K3sContainer k3s;
  private static KubernetesClient client;
  private static InProcessOperator operator;

  private static final String NO_DOCKER = "no Docker engine: the k3s end-to-end test is skipped (the real-node *E2E"
      + " classes run without Docker)";

  @BeforeAll
  static void startCluster() throws Exception {
    if (!dockerAvailable()) {
      // Each test then skips on its own (see requireCluster), so the report counts them as skipped instead of
      // showing "Tests run: 0", which an assumption in @BeforeAll gives.
      System.out.println("[k3s-e2e] SKIPPED: " + NO_DOCKER);
      return;
    }
    k3s = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.32.6-k3s1"));
    k3s.start();
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
    for (String plural : new String[] {"debugsessions", "debugpolicies"}) {
      try (InputStream crd = new FileInputStream("crds/" + plural + ".debugsession.io-v1.yml")) {
        client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
      }
      client.apiextensions().v1().customResourceDefinitions().withName(plural + ".debugsession.io")
          .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 60,
              TimeUnit.SECONDS);
    }
    operator = InProcessOperator.start(client, true, InProcessOperator.FAST,
        Duration.ofSeconds(30), Clock.systemUTC(), false,
        new InProcessOperator.Audit("default", AUDIT_LINES::add, Optional.empty(), Duration.ZERO));
  }

  @BeforeEach
  void requireCluster() {
    assumeTrue(k3s != null, NO_DOCKER);
  }

  @AfterAll
  static void stopCluster() {
    if (operator != null) {
      operator.close();
    }
    if (client != null) {
      client.close();
    }
    if (k3s != null) {
      k3s.stop();
    }
  }

  /** The operator's audit log lines. */
  private static final List<String> AUDIT_LINES = new CopyOnWriteArrayList<>();

  @Test
  void sampleSessionInjectsOneDebuggerAndExpiresWithoutTouchingTheApplication() throws Exception {
    try (InputStream policy = new FileInputStream("config/samples/0-debugpolicy.yaml")) {
      client.load(policy).create(); // allows the sample's general profile in namespace default
    }
    try (InputStream pod = new FileInputStream("config/samples/1-distroless-target.yaml")) {
      client.load(pod).inNamespace("default").create();
    }
    client.pods().inNamespace("default").withName("distroless-app").waitUntilReady(3, TimeUnit.MINUTES);
    DebugSession session;
    try (InputStream in = new FileInputStream("config/samples/2-debugsession.yaml")) {
      session = client.getKubernetesSerialization().unmarshal(in, DebugSession.class);
    }
    session.getSpec().setTtl("1m");
    client.resources(DebugSession.class).inNamespace("default").resource(session).create();

    await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
      DebugSession s = get(session.getMetadata().getName());
      assertThat(s.getStatus().getPhase()).isEqualTo(Phase.Active);
      assertThat(s.getStatus().getDebugContainer().getState()).isEqualTo("Running");
    });
    Pod pod = client.pods().inNamespace("default").withName("distroless-app").get();
    assertThat(pod.getSpec().getEphemeralContainers()).hasSize(1);

    await().atMost(Duration.ofMinutes(3)).untilAsserted(() ->
        assertThat(get(session.getMetadata().getName()).getStatus().getPhase()).isEqualTo(Phase.Expired));
    DebugSession expired = get(session.getMetadata().getName());
    assertThat(expired.getStatus().getDebugContainer().getState()).isEqualTo("Terminated");
    Pod after = client.pods().inNamespace("default").withName("distroless-app").get();
    assertThat(after.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
    assertThat(after.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
    List<AuditRecord> records = AUDIT_LINES.stream().map(AuditJson::fromLine).toList();
    assertThat(records).extracting(r -> r.event().wireName())
        .containsExactly("requested", "injected", "container-running", "expired");
    assertThat(records.get(2).debugContainer().imageDigest()).startsWith("sha256:");
    ChainHead head = ChainState.fromData(client.configMaps().inNamespace("default")
        .withName(InProcessOperator.CHAIN_CONFIG_MAP).get().getData()).head();
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(head).verifyLines(AUDIT_LINES.stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
  }

  private static DebugSession get(String name) {
    return client.resources(DebugSession.class).inNamespace("default").withName(name).get();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }
}
