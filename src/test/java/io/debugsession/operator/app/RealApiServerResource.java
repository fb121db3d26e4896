package io.debugsession.operator.app;

import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the Quarkus application at a real API server with the identity it has in a cluster: the token of its
 * ServiceAccount, bound only by config/rbac (no right on CRDs, so the CRD install at start is refused and the
 * application carries on with the installed ones), its audit chain in its own namespace, as the Deployment sets it.
 *
 * <p>This runs in the Quarkus class loader, whose {@link RealCluster} is a control plane of its own: the application
 * runs until the test JVM ends, and must never reconcile the other tests' sessions.
 */
public class RealApiServerResource implements QuarkusTestResourceLifecycleManager {

  static final String NAMESPACE = "quarkus-wiring";

  @Override
  public Map<String, String> start() {
    RealCluster cluster = RealCluster.get();
    try (KubernetesClient admin = cluster.client(TestUser.ADMIN)) {
      TestNamespace.prepare(admin, NAMESPACE);
    }
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", cluster.server().url(),
        "quarkus.kubernetes-client.token", cluster.operatorToken(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", NAMESPACE,
        "debugsession.audit.namespace", RealCluster.OPERATOR_NAMESPACE,
        "debugsession.install-crd", "true",
        "debugsession.status-poll-interval", "1s");
  }

  @Override
  public void stop() {
    // The control plane stops when the JVM exits.
  }
}
