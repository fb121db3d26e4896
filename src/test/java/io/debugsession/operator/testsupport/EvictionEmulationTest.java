package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The eviction emulation, and what fabric8 7.5.2's {@code evict()} sends and returns, which the operator relies
 * on: a policy/v1beta1 Eviction; true on 201; a 429 is retried by the HTTP layer (requestRetryBackoffLimit, 10 by
 * default, 100 ms doubling) and only becomes {@code false} when the retries run out; any other error throws.
 */
class EvictionEmulationTest {

  private static final String NS = "test";

  private EmulatedKubeApiServer api;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api = EmulatedKubeApiServer.start();
    client = api.createClient();
    client.resource(TestPods.scheduledApp(NS, "app")).create();
    new PodStatusWriter(client).podRunning(NS, "app");
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void fabric8EvictSendsPolicyV1beta1AndReturnsTrueOnceThePodIsDeleted() throws Exception {
    boolean evicted = client.pods().inNamespace(NS).withName("app").evict();

    assertThat(evicted).isTrue();
    assertThat(client.pods().inNamespace(NS).withName("app").get()).isNull();
    EvictionCall call = api.evictions().calls().get(0);
    assertThat(api.evictions().calls()).hasSize(1);
    assertThat(call.apiVersion()).isEqualTo("policy/v1beta1");
    assertThat(call.responseCode()).isEqualTo(201);
    JsonNode body = CrudPodStore.JSON.readTree(call.body());
    assertThat(body.path("kind").asText()).isEqualTo("Eviction");
    assertThat(body.path("metadata").path("name").asText()).isEqualTo("app");
    assertThat(body.path("metadata").path("namespace").asText()).isEqualTo(NS);
    assertThat(body.path("deleteOptions").isObject()).isTrue();
  }

  @Test
  void evictWithAPolicyV1EvictionSendsThatBody() {
    Eviction eviction = new EvictionBuilder().withNewMetadata().withName("app").withNamespace(NS).endMetadata()
        .withDeleteOptions(new DeleteOptionsBuilder().withGracePeriodSeconds(5L).build()).build();

    assertThat(client.pods().inNamespace(NS).withName("app").evict(eviction)).isTrue();

    assertThat(api.evictions().calls()).singleElement().satisfies(call -> {
      assertThat(call.apiVersion()).isEqualTo("policy/v1");
      assertThat(call.succeeded()).isTrue();
    });
  }

  @Test
  void theServerAnswers201WithASuccessStatus() throws Exception {
    HttpResponse<String> response = post("app", evictionJson("policy/v1", "app", ""));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode status = CrudPodStore.JSON.readTree(response.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(status.path("status").asText()).isEqualTo("Success");
    assertThat(status.has("code")).isFalse();
  }

  @Test
  void evictionMarksThePodAndDeletesItThroughTheStoreSoWatchesFire() {
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch watch = client.pods().inNamespace(NS).watch(new Watcher<Pod>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        String disruption = pod.getStatus().getConditions().stream()
            .filter(c -> "DisruptionTarget".equals(c.getType()))
            .map(c -> " " + c.getStatus() + "/" + c.getReason() + "/" + c.getMessage()).findFirst().orElse("");
        events.add(action + " " + pod.getMetadata().getName() + disruption);
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      assertThat(client.pods().inNamespace(NS).withName("app").evict()).isTrue();

      await().untilAsserted(() -> assertThat(events).containsSubsequence(
          "MODIFIED app True/EvictionByEvictionAPI/Eviction API: evicting",
          "DELETED app True/EvictionByEvictionAPI/Eviction API: evicting"));
    }
  }

  @Test
  void aBlockingBudgetAnswers429WithTheRealMessageAndCause() throws Exception {
    api.evictions().blockNext(1, "app-pdb", 1, 1);

    HttpResponse<String> response = post("app", evictionJson("policy/v1", "app", ""));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    JsonNode status = CrudPodStore.JSON.readTree(response.body());
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
    assertThat(status.path("code").asInt()).isEqualTo(429);
    assertThat(status.path("message").asText())
        .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
    JsonNode cause = status.path("details").path("causes").get(0);
    assertThat(cause.path("reason").asText()).isEqualTo("DisruptionBudget");
    assertThat(cause.path("message").asText())
        .isEqualTo("The disruption budget app-pdb needs 1 healthy pods and has 1 currently");
    assertThat(client.pods().inNamespace(NS).withName("app").get()).isNotNull();
  }

  @Test
  void aBudgetStillBeingProcessedAsksToRetryAfter10Seconds() throws Exception {
    api.evictions().blockNext(1, ApiStatus.disruptionBudgetBeingProcessed("app-pdb"));

    HttpResponse<String> response = post("app", evictionJson("policy/v1", "app", ""));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("10");
    assertThat(CrudPodStore.JSON.readTree(response.body()).path("details").path("retryAfterSeconds").asInt())
        .isEqualTo(10);
  }

  /** The fabric8 behaviour the operator relies on: a 429 is retried before evict() gives up and says false. */
  @Test
  void fabric8RetriesA429ByItselfSoABriefBlockStillEvicts() {
    api.evictions().blockNext(2, "app-pdb", 1, 1);

    assertThat(client.pods().inNamespace(NS).withName("app").evict()).isTrue();

    assertThat(api.evictions().calls()).extracting(EvictionCall::responseCode).containsExactly(429, 429, 201);
    assertThat(client.pods().inNamespace(NS).withName("app").get()).isNull();
  }

  @Test
  void fabric8EvictReturnsFalseOnA429OnceItsRetriesRunOut() {
    api.evictions().blockNext(5, "app-pdb", 1, 1);
    try (KubernetesClient noRetries = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(api.config()).withRequestRetryBackoffLimit(2).build()).build()) {

      assertThat(noRetries.pods().inNamespace(NS).withName("app").evict()).isFalse();
    }

    assertThat(api.evictions().calls()).extracting(EvictionCall::responseCode).containsExactly(429, 429, 429);
    assertThat(client.pods().inNamespace(NS).withName("app").get()).isNotNull();
  }

  @Test
  void aMissingPodIs404AndFabric8EvictThrows() throws Exception {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().inNamespace(NS).withName("ghost").evict());

    assertThat(e.getCode()).isEqualTo(404);
    assertThat(e.getStatus().getReason()).isEqualTo("NotFound");
    assertThat(e.getStatus().getMessage()).isEqualTo("pods \"ghost\" not found");
    assertThat(api.evictions().calls()).extracting(EvictionCall::responseCode).containsExactly(404);
  }

  @Test
  void aPodTheBudgetDoesNotGuardIsEvictedAnyway() throws Exception {
    client.resource(TestPods.app(NS, "pending")).create(); // no kubelet yet: Pending on a real server
    api.evictions().blockNext(1, "app-pdb", 1, 1);

    assertThat(post("pending", evictionJson("policy/v1", "pending", "")).statusCode()).isEqualTo(201);
    assertThat(post("app", evictionJson("policy/v1", "app", "")).statusCode()).isEqualTo(429);
  }

  @Test
  void aStaleUidPreconditionIs409() throws Exception {
    String preconditions = ",\"deleteOptions\":{\"preconditions\":{\"uid\":\"old-uid\"}}";

    HttpResponse<String> response = post("app", evictionJson("policy/v1", "app", preconditions));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(CrudPodStore.JSON.readTree(response.body()).path("message").asText())
        .startsWith("Operation cannot be fulfilled on Pod \"app\": the UID in the precondition (old-uid) does not"
            + " match the UID in record (");
    assertThat(client.pods().inNamespace(NS).withName("app").get()).isNotNull();
  }

  @Test
  void aBodyForAnotherPodIs400AndADryRunChangesNothing() throws Exception {
    HttpResponse<String> mismatch = post("app", evictionJson("policy/v1", "other", ""));
    HttpResponse<String> dryRun = post("app?dryRun=All", evictionJson("policy/v1", "app", ""));

    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(CrudPodStore.JSON.readTree(mismatch.body()).path("message").asText())
        .isEqualTo("name in URL does not match name in Eviction object");
    assertThat(dryRun.statusCode()).isEqualTo(201);
    assertThat(client.pods().inNamespace(NS).withName("app").get()).isNotNull();
  }

  @Test
  void failNextPreemptsEveryCheck() throws Exception {
    api.evictions().failNext(1, ApiStatus.forbidden("app", "User \"x\" cannot create resource \"pods/eviction\""));

    assertThat(post("ghost", evictionJson("policy/v1", "ghost", "")).statusCode()).isEqualTo(403);
  }

  private static String evictionJson(String apiVersion, String name, String extra) {
    return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"" + NS + "\"}" + extra + "}";
  }

  private HttpResponse<String> post(String podAndQuery, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.url() + "api/v1/namespaces/" + NS + "/pods/"
            + podAndQuery.replaceFirst("^([^?]+)", "$1/eviction")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
