package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.debugsession.operator.testsupport.TestPods.debugContainer;
import static io.debugsession.operator.testsupport.TestPods.withDebugContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class EphemeralContainersEmulationTest {

  private static final String NS = "test";
  private static final EphemeralContainer DBG1 = debugContainer("dbg1", "busybox:1.36", "app");
  private static final EphemeralContainer DBG2 = debugContainer("dbg2", "busybox:1.36", "app");

  private EmulatedKubeApiServer api;
  private KubernetesClient client;
  private Pod created;

  @BeforeEach
  void start() {
    api = EmulatedKubeApiServer.start();
    client = api.createClient();
    created = client.resource(TestPods.app(NS, "app")).create();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  private PodResource app() {
    return client.pods().inNamespace(NS).withName("app");
  }

  @Test
  @SuppressWarnings("try") // the watch only has to be open while the update happens
  void putAddsContainerBumpsResourceVersionAndFiresWatch() {
    List<String> events = new CopyOnWriteArrayList<>();
    try (Watch ignored = app().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        events.add(action + ":" + pod.getSpec().getEphemeralContainers().size());
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    })) {
      Pod updated = client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();

      assertThat(updated.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
          .containsExactly("dbg1");
      assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
          .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
      assertThat(app().get().getSpec().getEphemeralContainers()).hasSize(1);
      await().untilAsserted(() -> assertThat(events).contains("MODIFIED:1"));
    }
    assertThat(api.ephemeralContainers().writesReceived()).isEqualTo(1);
  }

  @Test
  void storedContainerIsDefaultedLikeARealServer() {
    Pod updated = client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();

    EphemeralContainer stored = updated.getSpec().getEphemeralContainers().get(0);
    assertThat(stored.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(stored.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(stored.getTerminationMessagePolicy()).isEqualTo("File");
  }

  @Test
  void onlyEphemeralContainersAreTakenFromThePutBody() {
    Pod body = new PodBuilder(withDebugContainer(created, DBG1))
        .editMetadata().addToLabels("sneaky", "yes").endMetadata()
        .editSpec().editFirstContainer().withImage("evil:1").endContainer().endSpec()
        .build();

    Pod updated = client.pods().resource(body).ephemeralContainers().update();

    assertThat(updated.getMetadata().getLabels()).doesNotContainKey("sneaky");
    assertThat(updated.getSpec().getContainers().get(0).getImage()).isEqualTo(created.getSpec().getContainers().get(0).getImage());
    assertThat(updated.getSpec().getEphemeralContainers()).hasSize(1);
  }

  @Test
  void stalePutGetsConflict() {
    client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().resource(withDebugContainer(created, DBG2)).ephemeralContainers().update());

    assertThat(e.getCode()).isEqualTo(409);
    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
    assertThat(e.getStatus().getMessage()).isEqualTo("Operation cannot be fulfilled on pods \"app\": the object has been"
        + " modified; please apply your changes to the latest version and try again");
  }

  @Test
  void concurrentPutsFromTheSameVersionAddOnlyOnce() throws Exception {
    Pod body = withDebugContainer(created, DBG1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(() -> {
          go.await();
          try {
            client.pods().resource(body).ephemeralContainers().update();
            return 200;
          } catch (KubernetesClientException e) {
            return e.getCode();
          }
        }));
      }
      go.countDown();
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> f : results) {
        codes.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(codes).containsExactlyInAnyOrder(200, 409);
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.ephemeralContainers().writesReceived()).isEqualTo(2);
    assertThat(api.ephemeralContainers().writesSucceeded()).isEqualTo(1);
    assertThat(app().get().getSpec().getEphemeralContainers()).hasSize(1);
  }

  @Test
  void removalGetsInvalidWithTheRealMessage() {
    Pod withDbg = client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();
    Pod without = new PodBuilder(withDbg).editSpec().withEphemeralContainers(List.of()).endSpec().build();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().resource(without).ephemeralContainers().update());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(e.getStatus().getMessage()).isEqualTo("Pod \"app\" is invalid: spec.ephemeralContainers: Forbidden:"
        + " existing ephemeral containers \"dbg1\" may not be removed");
    assertThat(e.getStatus().getDetails().getCauses()).singleElement().satisfies(c -> {
      assertThat(c.getReason()).isEqualTo("FieldValueForbidden");
      assertThat(c.getField()).isEqualTo("spec.ephemeralContainers");
    });
  }

  @Test
  void mergePatchNullRemovesAndIsRefused() {
    client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> app()
        .ephemeralContainers().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"ephemeralContainers\":null}}"));

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).endsWith("existing ephemeral containers \"dbg1\" may not be removed");
  }

  @Test
  void changeGetsInvalid() {
    Pod withDbg = client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();
    Pod changed = new PodBuilder(withDbg).editSpec().editFirstEphemeralContainer().withImage("alpine:3").endEphemeralContainer()
        .endSpec().build();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().resource(changed).ephemeralContainers().update());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).startsWith("Pod \"app\" is invalid: spec.ephemeralContainers: Forbidden:"
        + " existing ephemeral containers \"dbg1\" may not be changed");
  }

  @Test
  void duplicateNameGetsInvalid() {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> client.pods()
        .resource(withDebugContainer(created, debugContainer("app", "busybox:1.36", "app"))).ephemeralContainers().update());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage())
        .isEqualTo("Pod \"app\" is invalid: spec.ephemeralContainers[0].name: Duplicate value: \"app\"");
  }

  @Test
  void unknownTargetContainerGetsInvalid() {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> client.pods()
        .resource(withDebugContainer(created, debugContainer("dbg1", "busybox:1.36", "nope"))).ephemeralContainers()
        .update());

    assertThat(e.getStatus().getMessage())
        .isEqualTo("Pod \"app\" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"");
  }

  @Test
  void jsonPatchAppendToMissingArrayIsInvalidButWholeArrayWorks() {
    String container = "{\"name\":\"dbg1\",\"image\":\"busybox:1.36\",\"targetContainerName\":\"app\"}";

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> app().ephemeralContainers()
        .patch(PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers/-\",\"value\":" + container + "}]"));
    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(e.getStatus().getMessage()).isEqualTo("the server rejected our request due to an error in our request");

    Pod first = app().ephemeralContainers().patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers\",\"value\":[" + container + "]}]");
    Pod second = app().ephemeralContainers().patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"add\",\"path\":\"/spec/ephemeralContainers/-\",\"value\":" + container.replace("dbg1", "dbg2") + "}]");

    assertThat(first.getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(second.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
        .containsExactly("dbg1", "dbg2");
  }

  @Test
  void mergePatchReplacesTheListAndStrategicMergeAppendsByName() {
    app().ephemeralContainers().patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg1\",\"image\":\"busybox:1.36\"}]}}");

    KubernetesClientException onlyNew = catchThrowableOfType(KubernetesClientException.class, () -> app()
        .ephemeralContainers().patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg2\",\"image\":\"busybox:1.36\"}]}}"));
    assertThat(onlyNew.getCode()).as("RFC 7386 replaces lists, so dbg1 would be removed").isEqualTo(422);

    Pod strategic = app().ephemeralContainers().patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"dbg2\",\"image\":\"busybox:1.36\"}]}}");
    assertThat(strategic.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
        .containsExactly("dbg1", "dbg2");
  }

  @Test
  void patchWithStaleResourceVersionGetsConflict() {
    client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> app()
        .ephemeralContainers().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\""
            + created.getMetadata().getResourceVersion() + "\"},\"spec\":{\"ephemeralContainers\":[]}}"));

    assertThat(e.getCode()).isEqualTo(409);
  }

  @Test
  void editThroughTheSubresourceWorks() {
    Pod edited = app().ephemeralContainers().edit(p -> withDebugContainer(p, DBG1));

    assertThat(edited.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName).containsExactly("dbg1");
    assertThat(api.ephemeralContainers().writes()).singleElement()
        .satisfies(w -> assertThat(w.method()).isEqualTo("PATCH"));
  }

  @Test
  void forcedForbiddenComesBackAsKubernetesClientException() {
    api.ephemeralContainers().failNextWrites(1, ApiStatus.podSecurityRestricted("app", "dbg1"));

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update());

    assertThat(e.getCode()).isEqualTo(403);
    assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
    assertThat(e.getMessage()).contains("pods \"app\" is forbidden: violates PodSecurity \"restricted:latest\":"
        + " allowPrivilegeEscalation != false (container \"dbg1\" must set securityContext.allowPrivilegeEscalation=false)");
    assertThat(app().get().getSpec().getEphemeralContainers()).isEmpty();

    client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();
    assertThat(api.ephemeralContainers().writesReceived()).isEqualTo(2);
    assertThat(api.ephemeralContainers().writesSucceeded()).isEqualTo(1);
  }

  @Test
  void forcedConflictCanBeRepeated() {
    api.ephemeralContainers().failNextWrites(2, ApiStatus.conflict("app"));

    for (int i = 0; i < 2; i++) {
      assertThat(catchThrowableOfType(KubernetesClientException.class,
          () -> client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update()).getCode())
          .isEqualTo(409);
    }
    assertThat(client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update()
        .getSpec().getEphemeralContainers()).hasSize(1);
  }

  @Test
  void missingPodGetsNotFound() throws Exception {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> client.pods()
        .inNamespace(NS).withName("nope").ephemeralContainers()
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"ephemeralContainers\":[]}}"));

    assertThat(e.getCode()).isEqualTo(404);
    assertThat(e.getStatus().getMessage()).isEqualTo("pods \"nope\" not found");
    assertThat(api.ephemeralContainers().writesReceived())
        .as("fabric8 patch(PatchContext, String) GETs the pod first and stops at the 404").isZero();

    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(api.url() + "api/v1/namespaces/test/pods/nope/ephemeralcontainers"))
        .header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(404);
    assertThat(raw.body()).contains("\"reason\":\"NotFound\"").contains("pods \\\"nope\\\" not found");
  }

  @Test
  void unchangedWriteKeepsResourceVersion() {
    Pod withDbg = client.pods().resource(withDebugContainer(created, DBG1)).ephemeralContainers().update();

    Pod again = client.pods().resource(withDbg).ephemeralContainers().update();

    assertThat(again.getMetadata().getResourceVersion()).isEqualTo(withDbg.getMetadata().getResourceVersion());
  }

  @Test
  void getReturnsThePod() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(api.url() + "api/v1/namespaces/test/pods/app/ephemeralcontainers")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"kind\":\"Pod\"").contains("\"name\":\"app\"");
  }

  @Test
  void directPodUpdateOfEphemeralContainersIsRefused() {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
        () -> client.pods().resource(withDebugContainer(created, DBG1)).update());

    assertThat(e.getCode()).isEqualTo(422);
    assertThat(e.getStatus().getMessage()).startsWith("Pod \"app\" is invalid: spec: Forbidden: pod updates may not"
        + " change fields other than");

    Pod labelled = app().edit(p -> new PodBuilder(p).editMetadata().addToLabels("x", "y").endMetadata().build());
    assertThat(labelled.getMetadata().getLabels()).containsEntry("x", "y");
  }
}
