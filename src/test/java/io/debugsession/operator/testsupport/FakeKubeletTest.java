package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.debugsession.operator.testsupport.TestPods.debugContainer;
import static io.debugsession.operator.testsupport.TestPods.withDebugContainer;
import static org.assertj.core.api.Assertions.assertThat;

class FakeKubeletTest {

  private EmulatedKubeApiServer api;
  private KubernetesClient client;
  private FakeKubelet kubelet;

  @BeforeEach
  void start() {
    api = EmulatedKubeApiServer.start();
    client = api.createClient();
    kubelet = new FakeKubelet(client);
    Pod pod = client.resource(TestPods.app("test", "app")).create();
    client.pods().resource(withDebugContainer(pod, debugContainer("dbg1", "busybox:1.36", "app")))
        .ephemeralContainers().update();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  @Test
  void podRunningMakesThePodReady() {
    Pod pod = kubelet.podRunning("test", "app");

    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(Readiness.isPodReady(client.pods().inNamespace("test").withName("app").get())).isTrue();
    assertThat(pod.getStatus().getContainerStatuses()).singleElement()
        .satisfies(s -> assertThat(s.getState().getRunning()).isNotNull());
  }

  @Test
  void ephemeralStatusesAreUpsertedByNameAndKeepTheSpec() {
    kubelet.podRunning("test", "app");
    Pod running = kubelet.ephemeralRunning("test", "app", "dbg1", "docker.io/library/busybox@sha256:abc");
    Pod done = kubelet.ephemeralTerminated("test", "app", "dbg1", 0, "docker.io/library/busybox@sha256:abc");

    assertThat(running.getStatus().getEphemeralContainerStatuses()).singleElement()
        .satisfies(s -> assertThat(s.getState().getRunning()).isNotNull());
    assertThat(done.getStatus().getEphemeralContainerStatuses()).singleElement().satisfies(s -> {
      assertThat(s.getState().getTerminated().getExitCode()).isZero();
      assertThat(s.getState().getTerminated().getReason()).isEqualTo("Completed");
      assertThat(s.getImage()).isEqualTo("busybox:1.36");
      assertThat(s.getImageID()).isEqualTo("docker.io/library/busybox@sha256:abc");
    });
    assertThat(done.getStatus().getContainerStatuses()).hasSize(1);
    assertThat(done.getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(Long.parseLong(done.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(running.getMetadata().getResourceVersion()));
  }
}
