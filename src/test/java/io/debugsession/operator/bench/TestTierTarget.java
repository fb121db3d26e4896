package io.debugsession.operator.bench;

import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;

/**
 * The test tier's real control plane (etcd + kube-apiserver, config/default applied by kubectl), started for the run
 * and gone with it. It has no node: pods are bound to a node name nobody serves and the benchmark plays the kubelet.
 */
final class TestTierTarget extends BenchTarget {

  private static final String NS = "bench";

  private final RealCluster cluster;

  private TestTierTarget(RealCluster cluster, KubernetesClient admin, KubernetesClient requester) {
    super(cluster.server().url(), admin, requester, NS);
    this.cluster = cluster;
  }

  static TestTierTarget start() {
    RealCluster cluster = RealCluster.get();
    Config adminConfig = KubeApiServer.config(cluster.server().url(), cluster.server().token(TestUser.ADMIN),
        "bench-admin");
    adminConfig.setRequestTimeout((int) Duration.ofMinutes(2).toMillis());
    KubernetesClient admin = new KubernetesClientBuilder().withConfig(adminConfig).build();
    TestNamespace.prepare(admin, NS);
    TestNamespace.deleteAllSessions(admin);
    TestNamespace.forgetAuditChain(admin, OPERATOR_NAMESPACE, "debugsession-audit-chain");
    return new TestTierTarget(cluster, admin, cluster.client(TestUser.REQUESTER));
  }

  @Override
  String describe() {
    return "the test tier's control plane, started for the run (no node: the benchmark plays the kubelet)";
  }

  @Override
  String apiServerVersion() {
    return cluster.server().version();
  }

  @Override
  String requesterName() {
    return TestUser.REQUESTER.userName();
  }

  @Override
  String operatorToken() {
    return cluster.operatorToken();
  }

  @Override
  boolean realNodes() {
    return false;
  }

  @Override
  Pod targetPod(String name) {
    return TestPods.scheduledApp(NS, name);
  }

  @Override
  String debugImage() {
    return "busybox:1.37";
  }
}
