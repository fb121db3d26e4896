package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin against a real kube-apiserver where the operator was never installed: a second API server on the test
 * tier's etcd under a key prefix of its own ({@link RealCluster#startBareApiServer}), so it has no debugsession.io
 * CRDs while the shared control plane keeps them. Every kind of request a command makes (list, create, get, patch)
 * must say that the API is missing and how to install it, not that a session is "not found".
 */
class PluginWithoutCrdsIT {

  private static final String NOT_INSTALLED = "error: the debugsessions.debugsession.io API is not installed in "
      + "this cluster (the API server has no such resource): install the operator (kubectl apply -k config/default, "
      + "from a checkout of debug-session-operator) or at least its CRDs (kubectl apply -k config/crd)\n";

  private static KubeApiServer bare;
  private static String kubeconfig;

  @BeforeAll
  static void apiServerWithoutTheCrds() {
    bare = RealCluster.get().startBareApiServer("no-crds");
    kubeconfig = bare.kubeconfig(TestUser.ADMIN).toString();
    try (KubernetesClient admin = bare.client(TestUser.ADMIN)) {
      // The ServiceAccount admission plugin wants the namespace's default ServiceAccount (no controller makes it).
      admin.resource(new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace("default")
          .endMetadata().build()).serverSideApply();
      admin.resource(TestPods.scheduledApp("default", "checkout")).serverSideApply();
    }
  }

  @AfterAll
  static void stop() {
    bare.close();
  }

  @Test
  void everyCommandSaysTheApiIsNotInstalledAndHowToInstallIt() {
    List<PluginRun> runs = List.of(
        PluginRun.run("list", "--kubeconfig=" + kubeconfig, "-n", "default"),
        PluginRun.run("list", "--kubeconfig=" + kubeconfig, "-A"),
        PluginRun.run("start", "--kubeconfig=" + kubeconfig, "checkout", "-n", "default", "--reason", "INC-1",
            "--no-attach"),
        PluginRun.run("describe", "--kubeconfig=" + kubeconfig, "inc-1", "-n", "default"),
        PluginRun.run("end", "--kubeconfig=" + kubeconfig, "inc-1", "-n", "default"));

    assertThat(runs).allSatisfy(run -> {
      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.err()).as(run.toString()).isEqualTo(NOT_INSTALLED);
      assertThat(run.out()).as(run.toString()).isEmpty();
    });
  }
}
