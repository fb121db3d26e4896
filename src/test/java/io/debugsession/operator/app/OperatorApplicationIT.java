package io.debugsession.operator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.testsupport.PodStatusWriter;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged wiring against a real API server, with the identity the Deployment gives it (see
 * RealApiServerResource): the CDI launcher tries to install the CRDs and, refused, carries on with the installed ones,
 * starts java-operator-sdk with the Quarkus client and the configuration (server-side apply of status, as in
 * production), runs a session with no 403, and reports readiness and metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = RealApiServerResource.class, restrictToAnnotatedClass = true)
class OperatorApplicationIT {

  private static final String NS = RealApiServerResource.NAMESPACE;

  @Inject
  KubernetesClient client;

  @TestHTTPResource("/q/health/ready")
  URI readiness;

  @TestHTTPResource("/q/health/live")
  URI liveness;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void startsUnderItsServiceAccountAndRunsASession() throws Exception {
    RealCluster cluster = RealCluster.get(); // the one RealApiServerResource started, in this class loader
    try (KubernetesClient admin = cluster.client(TestUser.ADMIN);
        KubernetesClient alice = cluster.client(TestUser.REQUESTER)) {
      assertThat(client.resource(new SelfSubjectReview()).create().getStatus().getUserInfo().getUsername())
          .isEqualTo(RealCluster.OPERATOR_USER);
      admin.resource(TestPods.scheduledApp(NS, "app")).create();
      new PodStatusWriter(admin).podRunning(NS, "app");

      alice.resource(session()).create();

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        DebugSession s = admin.resources(DebugSession.class).inNamespace(NS).withName("dbg-app").get();
        assertThat(s.getStatus()).isNotNull();
        assertThat(s.getStatus().getPhase()).isEqualTo(Phase.Active);
      });
      assertThat(admin.pods().inNamespace(NS).withName("app").get().getSpec().getEphemeralContainers()).hasSize(1);
      // requested and injected are in the audit chain, whose head is in the operator's namespace
      assertThat(admin.configMaps().inNamespace(RealCluster.OPERATOR_NAMESPACE)
          .withName("debugsession-audit-chain").get())
          .satisfies(head -> assertThat(Long.parseLong(head.getData().get("sequence"))).isGreaterThanOrEqualTo(2));
    }
  }

  @Test
  void reportsReadyAndExposesMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(readiness).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(metrics).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"debugsession-operator\"").contains("\"status\": \"UP\"");
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.body()).contains("controller_name=\"debugsession\"")
        .contains("debugsession_audit_spool_full ", "debugsession_audit_outbox_records ",
            "debugsession_audit_records_written_total ", "debugsession_sessions{phase=\"Active\"} ",
            "debugsession_injections_total ", "debugsession_expiry_lateness_seconds_count ");
  }

  @Test
  void isLiveWhileNoReconcileIsStuck() throws Exception {
    HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(liveness).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("\"debugsession-reconciler\"").contains("\"status\": \"UP\"");
  }

  private static DebugSession session() {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("app", "app"));
    spec.setImage("busybox:1.37");
    spec.setTtl("5m");
    spec.setReason("wiring test");
    spec.setRequester(TestUser.REQUESTER.userName()); // alice creates it: the identity admission policy checks
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName("dbg-app").withNamespace(NS).build());
    session.setSpec(spec);
    return session;
  }
}
