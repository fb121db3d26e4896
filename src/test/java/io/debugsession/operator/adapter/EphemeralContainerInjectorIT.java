package io.debugsession.operator.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The injector's conflict retry on the real API server: the pod it was given is stale because another debugger was
 * added meanwhile, so its write gets a real 409; what it does next depends on the pod as re-read and its cap.
 */
class EphemeralContainerInjectorIT {

  private static final String NS = "injector";
  private static final String POD = "checkout";

  private KubernetesClient admin;
  private KubernetesClient operator;
  private EphemeralContainerInjector injector;

  @BeforeEach
  void connect() {
    RealCluster cluster = RealCluster.get();
    admin = cluster.client(TestUser.ADMIN);
    // The bypass guard admits ephemeral containers from the operator's ServiceAccount only.
    operator = new KubernetesClientBuilder()
        .withConfig(KubeApiServer.config(cluster.server().url(), cluster.operatorToken(), "injector-it")).build();
    injector = new EphemeralContainerInjector(operator, 5);
    TestNamespace.prepare(admin, NS);
  }

  @AfterEach
  void close() {
    operator.close();
    admin.close();
  }

  @Test
  void aPodFilledByAnotherDebuggerMeanwhileIsNoRoomWithTheCapsWordsAndNothingAdded() {
    // Arrange
    Pod stale = admin.resource(TestPods.scheduledApp(NS, POD)).create();
    addDirectly(stale, "other");

    // Act
    InjectionResult result = injector.inject(stale, stale.getMetadata().getUid(), debugger("mine"), capOf(1));

    // Assert
    assertThat(result).isEqualTo(new InjectionResult.NoRoom("pod \"checkout\" holds 1 of 1"));
    assertThat(debuggersInPod()).containsExactly("other");
  }

  @Test
  void aPodWithRoomLeftAfterTheConflictTakesTheDebuggerOnTheRetry() {
    // Arrange
    Pod stale = admin.resource(TestPods.scheduledApp(NS, POD)).create();
    addDirectly(stale, "other");

    // Act
    InjectionResult result = injector.inject(stale, stale.getMetadata().getUid(), debugger("mine"), capOf(2));

    // Assert
    assertThat(result).isEqualTo(new InjectionResult.Added());
    assertThat(debuggersInPod()).containsExactly("other", "mine");
  }

  /** Another session's debugger, added with the pod's resourceVersion as read: what the next write conflicts with. */
  private void addDirectly(Pod pod, String name) {
    operator.pods().resource(TestPods.withDebugContainer(pod, debugger(name))).ephemeralContainers().update();
  }

  private static EphemeralContainer debugger(String name) {
    return TestPods.debugContainer(name, "busybox:1.37", "app");
  }

  private static Function<Pod, Optional<String>> capOf(int cap) {
    return pod -> {
      int held = pod.getSpec().getEphemeralContainers().size();
      return held < cap ? Optional.empty()
          : Optional.of("pod \"" + pod.getMetadata().getName() + "\" holds " + held + " of " + cap);
    };
  }

  private List<String> debuggersInPod() {
    return admin.pods().inNamespace(NS).withName(POD).get().getSpec().getEphemeralContainers().stream()
        .map(EphemeralContainer::getName).toList();
  }
}
