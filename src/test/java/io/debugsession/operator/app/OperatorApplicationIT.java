package io.debugsession.operator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.testsupport.PodStatusWriter;
import io.debugsession.operator.testsupport.TestPods;
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
 * The packaged wiring, as `./mvnw quarkus:run` starts it: the CDI launcher installs the CRD from the classpath,
 * starts java-operator-sdk with the Quarkus client and the configuration, and reports readiness.
 */
@QuarkusTest
@QuarkusTestResource(value = EmulatedApiServerResource.class, restrictToAnnotatedClass = true)
class OperatorApplicationIT {

  @Inject
  KubernetesClient client;

  @TestHTTPResource("/q/health/ready")
  URI readiness;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void startsInstallsItsCrdAndRunsASession() throws Exception {
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("debugsessions.debugsession.io").get())
        .isNotNull();
    assertThat(client.apiextensions().v1().customResourceDefinitions().withName("debugpolicies.debugsession.io").get())
        .isNotNull();
    client.resource(TestPods.scheduledApp("test", "app")).create();
    new PodStatusWriter(client).podRunning("test", "app");

    client.resource(session()).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      DebugSession s = client.resources(DebugSession.class).inNamespace("test").withName("dbg-app").get();
      assertThat(s.getStatus()).isNotNull();
      assertThat(s.getStatus().getPhase()).isEqualTo(Phase.Active);
    });
    assertThat(client.pods().inNamespace("test").withName("app").get().getSpec().getEphemeralContainers()).hasSize(1);
    // requested and injected are in the audit chain, whose head is in the client's namespace
    assertThat(client.configMaps().inAnyNamespace().withLabel("app.kubernetes.io/component", "audit-chain").list()
        .getItems()).singleElement()
        .satisfies(head -> assertThat(Long.parseLong(head.getData().get("sequence"))).isGreaterThanOrEqualTo(2));
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
            "debugsession_audit_records_written_total ");
  }

  private static DebugSession session() {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("app", "app"));
    spec.setImage("busybox:1.37");
    spec.setTtl("5m");
    spec.setReason("wiring test");
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName("dbg-app").withNamespace("test").build());
    session.setSpec(spec);
    return session;
  }
}
