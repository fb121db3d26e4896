package io.debugsession.operator.testsupport;

import io.debugsession.operator.testsupport.RbacVerbs.Rule;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static io.debugsession.operator.testsupport.TestPods.debugContainer;
import static io.debugsession.operator.testsupport.TestPods.withDebugContainer;
import static org.assertj.core.api.Assertions.assertThat;

/** The request log records what a small debug-session scenario sends, and the RBAC it needs follows from it. */
class RequestLogTest {

  private static final String NS = "test";
  private static final String PODS = "/api/v1/namespaces/test/pods";

  @Test
  void recordsEveryRequestOfAScenarioAndTheRbacItNeeds() throws Exception {
    try (EmulatedKubeApiServer api = EmulatedKubeApiServer.start(); KubernetesClient client = api.createClient()) {
      Pod pod = client.resource(TestPods.scheduledApp(NS, "app")).create();
      client.pods().inNamespace(NS).withLabel("app", "app").list();
      try (Watch watch = client.pods().inNamespace(NS).watch(new IgnoringWatcher())) {
        client.pods().resource(withDebugContainer(pod, debugContainer("dbg1", "busybox:1.36", "app")))
            .ephemeralContainers().update();
        api.exec().setHandler(request -> ExecResult.success(""));
        try (ExecWatch exec = client.pods().inNamespace(NS).withName("app").inContainer("dbg1")
            .redirectingOutput().exec("kill", "1")) {
          assertThat(exec.exitCode().get(10, TimeUnit.SECONDS)).isZero();
        }
        assertThat(client.pods().inNamespace(NS).withName("app").evict()).isTrue();
      }

      // fabric8 7.5.2's exec() first waits for the pod: a list by field selector, then a get.
      assertThat(api.requests().requests().stream()
          .map(r -> new ApiRequest(r.method(), r.path(), r.query(), r.watch(), null)).toList())
          .containsExactlyInAnyOrder(
          new ApiRequest("POST", PODS, null, false, null),
          new ApiRequest("GET", PODS, "labelSelector=app%3Dapp", false, null),
          new ApiRequest("GET", PODS, "allowWatchBookmarks=true&watch=true", true, null),
          new ApiRequest("PUT", PODS + "/app/ephemeralcontainers", null, false, null),
          new ApiRequest("GET", PODS, "fieldSelector=metadata.name%3Dapp", false, null),
          new ApiRequest("GET", PODS + "/app", null, false, null),
          new ApiRequest("GET", PODS + "/app/exec", "command=kill&command=1&container=dbg1&stdout=true", false, null),
          new ApiRequest("POST", PODS + "/app/eviction", null, false, null));
      assertThat(api.requests().rbac()).containsExactlyInAnyOrder(
          Rule.core("pods", "create"),
          Rule.core("pods", "list"),
          Rule.core("pods", "watch"),
          Rule.core("pods", "get"),
          Rule.core("pods/ephemeralcontainers", "update"),
          Rule.core("pods/exec", "get"),
          Rule.core("pods/eviction", "create"));
    }
  }

  @Test
  void logsNonResourceAndScriptedRequestsTooAndResetClearsIt() throws Exception {
    try (EmulatedKubeApiServer api = EmulatedKubeApiServer.start()) {
      api.server().expect().get().withPath("/apis/debugsession.io/v1alpha1/namespaces/test/debugsessions/s1")
          .andReturn(404, "").once();
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + "apis")).build(),
          HttpResponse.BodyHandlers.discarding());
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(api.url() + "apis/debugsession.io/v1alpha1/namespaces/test/debugsessions/s1")).build(),
          HttpResponse.BodyHandlers.discarding());

      assertThat(api.requests().requests()).extracting(ApiRequest::toString).containsExactly(
          "GET /apis", "GET /apis/debugsession.io/v1alpha1/namespaces/test/debugsessions/s1");
      assertThat(api.requests().rbac()).containsExactly(new Rule("debugsession.io", "debugsessions", "get"));

      api.server().reset();
      assertThat(api.requests().requests()).isEmpty();
    }
  }

  private static final class IgnoringWatcher implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod resource) {
    }

    @Override
    public void onClose(WatcherException cause) {
    }
  }
}
