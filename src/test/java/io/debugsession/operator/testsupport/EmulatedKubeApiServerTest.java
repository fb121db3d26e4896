package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.debugsession.operator.testsupport.TestPods.debugContainer;
import static io.debugsession.operator.testsupport.TestPods.withDebugContainer;
import static org.assertj.core.api.Assertions.assertThat;

/** The wrapper keeps the rest of the mock working, over https too, with a client built from the URL. */
class EmulatedKubeApiServerTest {

  @Test
  void httpsWithAClientBuiltFromTheUrl() throws Exception {
    try (EmulatedKubeApiServer api = EmulatedKubeApiServer.start(true);
        KubernetesClient client = api.createClientFromUrl()) {
      assertThat(api.url()).startsWith("https://");
      Pod pod = client.resource(TestPods.app("test", "app")).create();
      client.pods().resource(withDebugContainer(pod, debugContainer("dbg1", "busybox:1.36", "app")))
          .ephemeralContainers().update();
      api.exec().setHandler(request -> ExecResult.success("hi"));

      try (ExecWatch watch = client.pods().inNamespace("test").withName("app").inContainer("dbg1")
          .redirectingOutput().exec("echo", "hi")) {
        assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isZero();
        assertThat(new String(watch.getOutput().readAllBytes())).isEqualTo("hi");
      }
    }
  }

  @Test
  void expectationsCrudStatusAndResetStillWork() {
    try (EmulatedKubeApiServer api = EmulatedKubeApiServer.start(); KubernetesClient client = api.createClient()) {
      api.server().expect().get().withPath("/api/v1/namespaces/test/pods/scripted")
          .andReturn(200, TestPods.app("test", "scripted")).once();
      assertThat(client.pods().inNamespace("test").withName("scripted").get()).isNotNull();

      client.resource(TestPods.app("test", "app")).create();
      Pod withStatus = client.pods().inNamespace("test").withName("app")
          .editStatus(p -> new PodBuilder(p).withNewStatus().withPhase("Running").endStatus().build());
      assertThat(withStatus.getStatus().getPhase()).isEqualTo("Running");

      api.server().reset();
      assertThat(client.pods().inNamespace("test").withName("app").get()).isNull();
    }
  }
}
