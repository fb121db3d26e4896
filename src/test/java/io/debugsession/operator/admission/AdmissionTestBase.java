package io.debugsession.operator.admission;

import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real API server with config/admission installed, and the people who send it requests: the test users with their
 * own tokens, the operator with its ServiceAccount's, anyone else through a cluster administrator's impersonation (the
 * server then authorises and admits the request as that user, in the groups given plus system:authenticated). RBAC
 * is real too: a user needs a role to be refused by admission rather than by RBAC ({@link #grant}). Each test starts
 * with its namespace emptied and no DebugPolicy in the cluster.
 */
abstract class AdmissionTestBase {

  final RealCluster cluster = RealCluster.get();
  final KubernetesClient admin = cluster.client(TestUser.ADMIN);
  final String namespace;
  private final List<KubernetesClient> clients = new ArrayList<>(List.of(admin));

  AdmissionTestBase(String namespace) {
    this.namespace = namespace;
  }

  @BeforeEach
  void emptyNamespace() {
    TestNamespace.prepare(admin, namespace);
  }

  @AfterEach
  void closeClients() {
    clients.forEach(KubernetesClient::close);
  }

  KubernetesClient as(TestUser user) {
    return opened(cluster.client(user));
  }

  KubernetesClient asOperator() {
    return opened(new KubernetesClientBuilder()
        .withConfig(KubeApiServer.config(cluster.server().url(), cluster.operatorToken(), "operator")).build());
  }

  /** {@code user} in {@code groups} (and system:authenticated, which the server adds), by impersonation. */
  KubernetesClient impersonating(String user, String... groups) {
    return opened(new KubernetesClientBuilder().withConfig(new ConfigBuilder(admin.getConfiguration())
        .withImpersonateUsername(user).withImpersonateGroups(groups).build()).build());
  }

  /** Binds {@code user} to {@code clusterRole} in {@code namespace}. */
  void grant(String namespace, String clusterRole, String user) {
    admin.resource(new RoleBindingBuilder()
        .withNewMetadata().withName(clusterRole + "-" + user).withNamespace(namespace).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(user).endSubject()
        .build()).forceConflicts().serverSideApply();
  }

  private KubernetesClient opened(KubernetesClient client) {
    clients.add(client);
    return client;
  }
}
