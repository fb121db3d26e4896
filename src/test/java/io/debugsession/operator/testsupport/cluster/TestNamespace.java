package io.debugsession.operator.testsupport.cluster;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A namespace for a test on a shared real cluster: created with what a cluster's controllers and its administrators
 * would have put there (the "default" ServiceAccount, which the ServiceAccount admission plugin requires of every pod;
 * alice bound to debugsession-requester in it; bob to debugsession-approver cluster-wide, as config/rbac/examples
 * binds approvers; carol, in the group security-auditors, bound by the auditor examples of config/rbac/examples
 * themselves, applied as they are). The *IT tests reuse theirs and empty it before each test
 * ({@link #prepare}); the *E2E tests, which run side by side on the real node, each create a namespace of their own
 * ({@link #create}). Namespaces are never deleted: without a controller-manager, a deleted namespace stays
 * Terminating.
 */
public final class TestNamespace {

  /** How config/rbac/examples makes the group security-auditors auditors: the ClusterRole and the chain head. */
  private static final List<Path> AUDITOR_EXAMPLES = List.of(
      Path.of("config/rbac/examples/auditor_cluster_role_binding.yaml"),
      Path.of("config/rbac/examples/auditor_chain_head_role_binding.yaml"));

  private TestNamespace() {
  }

  /** Makes {@code namespace} exist, with the given labels, its users bound, and nothing left from earlier tests. */
  public static void prepare(KubernetesClient admin, String namespace, Map<String, String> labels) {
    create(admin, namespace, labels);
    empty(admin, namespace);
  }

  /**
   * Makes {@code namespace} exist, with the given labels and its users bound; leaves alone what is in it, and the
   * cluster-scoped DebugPolicies that {@link #prepare} deletes.
   */
  public static void create(KubernetesClient admin, String namespace, Map<String, String> labels) {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(labels).endMetadata()
        .build()).serverSideApply();
    apply(admin, new ServiceAccountBuilder().withNewMetadata().withName("default").withNamespace(namespace)
        .endMetadata().build());
    bind(admin, namespace, TestUser.REQUESTER, "debugsession-requester");
    bindClusterWide(admin, TestUser.APPROVER, "debugsession-approver");
    AUDITOR_EXAMPLES.forEach(example -> applyFile(admin, example));
  }

  public static void prepare(KubernetesClient admin, String namespace) {
    prepare(admin, namespace, Map.of());
  }

  /** Deletes the audit chain's ConfigMap, so that a test's operator starts a chain of its own at sequence 1. */
  public static void forgetAuditChain(KubernetesClient admin, String namespace, String configMap) {
    admin.configMaps().inNamespace(namespace).withName(configMap).withTimeout(10, TimeUnit.SECONDS).delete();
  }

  /**
   * Deletes every DebugSession of the control plane, in every namespace: an operator under test reconciles all
   * namespaces, and must meet no session that another test class left behind.
   */
  public static void deleteAllSessions(KubernetesClient admin) {
    admin.resources(DebugSession.class).inAnyNamespace().list().getItems()
        .forEach(s -> deleteSessions(admin, s.getMetadata().getNamespace()));
  }

  private static void deleteSessions(KubernetesClient admin, String namespace) {
    var sessions = admin.resources(DebugSession.class).inNamespace(namespace);
    // The operator of the previous test is gone: nobody would remove its finalizers.
    sessions.list().getItems().forEach(s -> sessions.withName(s.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}"));
    sessions.withTimeout(10, TimeUnit.SECONDS).delete();
  }

  private static void empty(KubernetesClient admin, String namespace) {
    deleteSessions(admin, namespace);
    admin.resources(DebugPolicy.class).withTimeout(10, TimeUnit.SECONDS).delete();
    // Pods are bound to a node that does not exist: only a deletion without grace period removes them.
    admin.pods().inNamespace(namespace).withGracePeriod(0).withTimeout(10, TimeUnit.SECONDS).delete();
    admin.policy().v1().podDisruptionBudget().inNamespace(namespace).withTimeout(10, TimeUnit.SECONDS).delete();
    admin.v1().events().inNamespace(namespace).delete();
  }

  private static void bind(KubernetesClient admin, String namespace, TestUser user, String clusterRole) {
    apply(admin, new RoleBindingBuilder().withNewMetadata().withName(clusterRole + "-" + user.userName())
        .withNamespace(namespace).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(user.userName())
        .endSubject().build());
  }

  /** As config/rbac/examples binds approvers: they read the cluster-scoped DebugPolicies. */
  private static void bindClusterWide(KubernetesClient admin, TestUser user, String clusterRole) {
    apply(admin, new ClusterRoleBindingBuilder().withNewMetadata().withName("test-" + clusterRole).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(user.userName())
        .endSubject().build());
  }

  private static void applyFile(KubernetesClient admin, Path file) {
    try (InputStream yaml = Files.newInputStream(file)) {
      admin.load(yaml).forceConflicts().serverSideApply();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void apply(KubernetesClient admin, HasMetadata object) {
    admin.resource(object).forceConflicts().serverSideApply();
  }
}
