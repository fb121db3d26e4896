package io.debugsession.operator.testsupport.cluster;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one real control plane of a test JVM, started on first use and stopped when the JVM exits, with what
 * {@code kubectl apply -k config/default} installs applied by the real kubectl exactly as a user would: the CRDs from
 * {@code crds/}, the operator's namespace, ServiceAccount and RBAC from {@code config/rbac}, and the admission policies
 * from {@code config/admission}. The operator's Deployment is applied too, but with no controller-manager it never
 * becomes a pod; the operator under test runs in the test JVM under that ServiceAccount's token instead.
 *
 * <p>Test classes share it, so each test starts by clearing what it uses (see the ITs' base class); starting one
 * per class would cost about as much as the tests themselves. A Quarkus test gets one of its own (see workDir()).
 */
public final class RealCluster {

  public static final String OPERATOR_NAMESPACE = "debugsession-system";
  public static final String OPERATOR_SERVICE_ACCOUNT = "debugsession-operator";
  public static final String OPERATOR_USER =
      "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + OPERATOR_SERVICE_ACCOUNT;

  private static RealCluster instance;
  /** Why the control plane could not start: every later test fails with it instead of starting another one. */
  private static RuntimeException startFailure;

  private final KubeApiServer server;
  private final ClusterBinaries binaries;

  private RealCluster(KubeApiServer server, ClusterBinaries binaries) {
    this.server = server;
    this.binaries = binaries;
  }

  public static synchronized RealCluster get() {
    if (startFailure != null) {
      throw new IllegalStateException("The real control plane failed to start earlier", startFailure);
    }
    if (instance == null) {
      try {
        instance = start();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return instance;
  }

  private static RealCluster start() {
    ClusterBinaries binaries = ClusterBinaries.buildIfNeeded();
    Path workDir = workDir();
    KubeApiServer server = KubeApiServer.start(binaries, workDir);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "real-cluster-stop"));
    RealCluster cluster = new RealCluster(server, binaries);
    // Loud on purpose: the reports must show which real server the *IT classes ran against.
    System.out.println("[real-cluster] kube-apiserver " + server.version() + " at " + server.url()
        + " (etcd and kube-apiserver from " + binaries.directory() + ", logs in " + workDir + ")");
    cluster.kubectl(TestUser.ADMIN, "apply", "-k", "config/default");
    cluster.kubectl(TestUser.ADMIN, "wait", "--for=condition=Established", "--timeout=30s",
        "crd/debugsessions.debugsession.io", "crd/debugpolicies.debugsession.io");
    return cluster;
  }

  /**
   * A directory of its own under target/real-cluster: a Quarkus test's class loader has its own instance of this
   * class, and so a control plane of its own, which keeps the operator it runs away from the other tests' sessions.
   */
  private static Path workDir() {
    try {
      Path parent = Files.createDirectories(Path.of("target", "real-cluster").toAbsolutePath());
      return Files.createTempDirectory(parent, ProcessHandle.current().pid() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubeApiServer server() {
    return server;
  }

  public KubernetesClient client(TestUser user) {
    return server.client(user);
  }

  /**
   * A second kube-apiserver on this cluster's etcd, under its own key prefix: a cluster where nothing of ours is
   * installed (no CRDs, RBAC or admission policies), with the same {@link TestUser}s. The shared control plane is
   * untouched, so other test classes keep their CRDs. The caller closes it.
   */
  public KubeApiServer startBareApiServer(String name) {
    return KubeApiServer.startBeside(server, binaries, server.workDir().resolve(name), "/" + name);
  }

  /** A fresh token of the operator's ServiceAccount, whose only rights are those config/rbac grants it. */
  public String operatorToken() {
    try (KubernetesClient admin = client(TestUser.ADMIN)) {
      return operatorToken(admin);
    }
  }

  static String operatorToken(KubernetesClient admin) {
    return admin.serviceAccounts().inNamespace(OPERATOR_NAMESPACE).withName(OPERATOR_SERVICE_ACCOUNT)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(7200L).endSpec().build())
        .getStatus().getToken();
  }

  /** Runs the real kubectl as {@code user}; returns its output, or throws with it when kubectl fails. */
  public String kubectl(TestUser user, String... args) {
    return new Kubectl(binaries.kubectl()).run(server.kubeconfig(user), args);
  }
}
