package io.debugsession.operator.bench;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An existing cluster, through a kubeconfig whose user is a cluster admin. It must hold what
 * {@code kubectl apply -k config/default} installs (CRDs, the operator's namespace, ServiceAccount, RBAC, admission
 * policies) with no operator of its own running: the benchmark runs the packaged operator under that
 * ServiceAccount's token, serving every namespace and continuing the cluster's audit chain, so the cluster should be
 * one for testing. The benchmark works in a namespace of its own ({@code bench-xxxxxx}), created here and deleted on
 * {@link #close}, and asks for sessions as the user {@value #REQUESTER}, impersonated by the admin and bound to
 * config/rbac's requester role in that namespace only.
 *
 * <p>With a Ready node, pods run for real ({@code -Dbench.pod.image}, default the test tier's distroless target image,
 * and the debugger {@code -Dbench.debug.image}, default busybox:1.37; both {@code IfNotPresent}) and the kubelet
 * reports and stops the debug containers; without one, the benchmark plays the kubelet as on the test tier.
 */
final class KubeconfigTarget extends BenchTarget {

  static final String REQUESTER = "bench-requester";
  private static final String OPERATOR_SERVICE_ACCOUNT = "debugsession-operator";
  private static final String OPERATOR_DEPLOYMENT = "debugsession-operator";

  private final Path kubeconfig;
  private final boolean realNodes;

  private KubeconfigTarget(Path kubeconfig, String url, KubernetesClient admin, KubernetesClient requester,
      String namespace, boolean realNodes) {
    super(url, admin, requester, namespace);
    this.kubeconfig = kubeconfig;
    this.realNodes = realNodes;
  }

  static KubeconfigTarget open(Path kubeconfig) {
    if (!Files.isReadable(kubeconfig)) {
      throw new IllegalStateException("No readable kubeconfig at " + kubeconfig);
    }
    Config adminConfig = Config.fromKubeconfig(kubeconfig.toFile());
    adminConfig.setRequestTimeout((int) Duration.ofMinutes(2).toMillis());
    KubernetesClient admin = new KubernetesClientBuilder().withConfig(adminConfig).build();
    requireInstalled(admin);
    String namespace = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .addToLabels("app.kubernetes.io/created-by", "debugsession-benchmark").endMetadata().build()).create();
    admin.resource(new RoleBindingBuilder().withNewMetadata().withName("debugsession-requester-" + REQUESTER)
        .withNamespace(namespace).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "debugsession-requester")
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(REQUESTER).endSubject()
        .build()).create();
    Config requesterConfig = Config.fromKubeconfig(kubeconfig.toFile());
    requesterConfig.setImpersonateUsername(REQUESTER);
    requesterConfig.setImpersonateGroups("system:authenticated");
    boolean realNodes = admin.nodes().list().getItems().stream().anyMatch(n -> n.getStatus() != null
        && n.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    return new KubeconfigTarget(kubeconfig, adminConfig.getMasterUrl(), admin,
        new KubernetesClientBuilder().withConfig(requesterConfig).build(), namespace, realNodes);
  }

  /** config/default must be applied, and no operator Deployment may be serving (two operators would race). */
  private static void requireInstalled(KubernetesClient admin) {
    String apply = "; apply it first: kubectl apply -k config/default";
    if (admin.apiextensions().v1().customResourceDefinitions().withName("debugsessions.debugsession.io").get()
        == null) {
      throw new IllegalStateException("The cluster has no DebugSession CRD" + apply);
    }
    if (admin.serviceAccounts().inNamespace(OPERATOR_NAMESPACE).withName(OPERATOR_SERVICE_ACCOUNT).get() == null) {
      throw new IllegalStateException("The cluster has no ServiceAccount " + OPERATOR_NAMESPACE + "/"
          + OPERATOR_SERVICE_ACCOUNT + apply);
    }
    var deployment = admin.apps().deployments().inNamespace(OPERATOR_NAMESPACE).withName(OPERATOR_DEPLOYMENT).get();
    Integer ready = deployment == null || deployment.getStatus() == null ? null
        : deployment.getStatus().getReadyReplicas();
    if (ready != null && ready > 0) {
      throw new IllegalStateException("An operator already runs in the cluster (" + ready + " ready); scale it to 0 "
          + "for the benchmark: kubectl -n " + OPERATOR_NAMESPACE + " scale deploy/" + OPERATOR_DEPLOYMENT
          + " --replicas=0");
    }
  }

  @Override
  String describe() {
    return "kubeconfig " + kubeconfig + " (" + url() + ", namespace " + namespace() + ", "
        + (realNodes ? "real nodes: the kubelet runs and stops the containers"
            : "no Ready node: the benchmark plays the kubelet") + ")";
  }

  @Override
  String apiServerVersion() {
    return admin().getKubernetesVersion().getGitVersion();
  }

  @Override
  String requesterName() {
    return REQUESTER;
  }

  @Override
  String operatorToken() {
    return admin().serviceAccounts().inNamespace(OPERATOR_NAMESPACE).withName(OPERATOR_SERVICE_ACCOUNT)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
        .getStatus().getToken();
  }

  @Override
  boolean realNodes() {
    return realNodes;
  }

  @Override
  Pod targetPod(String name) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace(namespace()).withName(name)
        .addToLabels("app", name).endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName("app")
        .withImage(System.getProperty("bench.pod.image", "debugsession.test/distroless-target:1"))
        .withImagePullPolicy("IfNotPresent").endContainer()
        .endSpec();
    if (!realNodes) {
      pod.editSpec().withNodeName("bench-node").endSpec(); // bound to a node nobody serves: the benchmark plays it
    }
    return pod.build();
  }

  @Override
  String debugImage() {
    return System.getProperty("bench.debug.image", "busybox:1.37");
  }

  /** Deletes the namespace; sessions a failed run left lose their finalizers first (their operator is gone). */
  @Override
  public void close() {
    var sessions = admin().resources(DebugSession.class).inNamespace(namespace());
    sessions.list().getItems().forEach(s -> sessions.withName(s.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}"));
    admin().namespaces().withName(namespace()).withTimeout(60, TimeUnit.SECONDS).delete();
    System.out.println("[bench] deleted namespace " + namespace());
    super.close();
  }
}
