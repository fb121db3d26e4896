package io.debugsession.operator.testsupport.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one real single-node cluster of a test JVM, for the *E2E tier: what {@code test/cluster/up.sh} starts (etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler, Debian's containerd and runc, a kubelet, the test images of
 * {@code test/cluster/images} imported), in {@code target/real-node}, with the same people as {@link RealCluster}
 * ({@link TestUser}, from the same static token lines) and what {@code kubectl apply -k config/default} installs.
 * Unlike the *IT tests' control plane, pods really run: the kubelet reports their status, exec and attach reach
 * their containers, a Deployment's pods are replaced.
 *
 * <p>When the JVM exits, {@code test/cluster/down.sh} stops it and removes its mounts, cgroups and network
 * interface, keeping {@code target/real-node/logs}. What a killed JVM left running is stopped before the next start.
 * Needs root and apt: the Debian packages of {@code test/cluster/install-node-packages.sh} are installed if missing.
 */
public final class RealNodeCluster {

  public static final String NODE_NAME = "debugsession-node";

  private static final Path INSTALL_PACKAGES = Path.of("test/cluster/install-node-packages.sh");
  private static final Path UP = Path.of("test/cluster/up.sh");
  private static final Path DOWN = Path.of("test/cluster/down.sh");
  private static final Path DEPLOY_OPERATOR = Path.of("test/cluster/deploy-operator.sh");

  private static RealNodeCluster instance;
  /** Why the cluster could not start: every later test fails with it instead of starting another one. */
  private static RuntimeException startFailure;

  private final Path stateDir;
  private final String url;
  private final Kubectl kubectl;
  private final Map<TestUser, Path> kubeconfigs = new ConcurrentHashMap<>();

  private RealNodeCluster(Path stateDir, String url, Kubectl kubectl) {
    this.stateDir = stateDir;
    this.url = url;
    this.kubectl = kubectl;
  }

  public static synchronized RealNodeCluster get() {
    if (startFailure != null) {
      throw new IllegalStateException("The real single-node cluster failed to start earlier", startFailure);
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

  private static RealNodeCluster start() {
    try {
      Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
      Path stateDir = target.resolve("real-node");
      Path users = target.resolve("real-node-users.csv");
      Files.writeString(users, Arrays.stream(TestUser.values()).map(TestUser::tokenFileLine)
          .collect(Collectors.joining("\n", "", "\n")));
      Map<String, String> env = Map.of("DEBUGSESSION_CLUSTER_STATE", stateDir.toString(),
          "DEBUGSESSION_CLUSTER_USERS", users.toString());

      // The README's test command is all a newcomer runs: the node's Debian packages come with it (a no-op when
      // they are there, as in CI, which installs them first to time it).
      run(INSTALL_PACKAGES, env);
      run(DOWN, env); // what a killed test JVM left
      run(UP, env);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAtExit(stateDir), "real-node-stop"));

      Properties cluster = new Properties();
      try (Reader in = Files.newBufferedReader(stateDir.resolve("cluster.env"))) {
        cluster.load(in);
      }
      RealNodeCluster node = new RealNodeCluster(stateDir, cluster.getProperty("APISERVER_URL"),
          new Kubectl(Path.of(cluster.getProperty("BIN"), "kubectl")));
      // Loud on purpose: the reports must show which real cluster the *E2E classes ran against.
      System.out.println("[real-node] Kubernetes " + cluster.getProperty("KUBERNETES_VERSION") + ", node "
          + cluster.getProperty("NODE_NAME") + " (" + cluster.getProperty("NODE_IP") + "), kube-apiserver at "
          + node.url + "; logs in " + stateDir.resolve("logs"));
      node.kubectl(TestUser.ADMIN, "apply", "-k", "config/default");
      node.kubectl(TestUser.ADMIN, "wait", "--for=condition=Established", "--timeout=30s",
          "crd/debugsessions.debugsession.io", "crd/debugpolicies.debugsession.io");
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the real single-node cluster", e);
    }
  }

  /** Runs a script of test/cluster; its progress goes to the test's console. Returns its output's lines. */
  private static List<String> run(Path script, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      List<String> lines;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        lines = out.lines().peek(System.out::println).toList();
      }
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(script + " failed with exit code " + exit + ":\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + script, e);
    }
  }

  /**
   * Runs down.sh when the JVM exits, in a session of its own and writing to {@code logs/down.log}, not to this JVM:
   * Failsafe halts a forked JVM whose shutdown takes longer than its exit timeout, and a down.sh writing into the
   * dead JVM's pipe died of SIGPIPE half way (seen: kubelet stopped, the control plane, containerd and the pods'
   * mounts left behind). Waits for it while the JVM may.
   */
  private static void stopAtExit(Path stateDir) {
    ProcessBuilder builder = new ProcessBuilder("setsid", "bash", DOWN.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stateDir.resolve("logs/down.log").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("DEBUGSESSION_CLUSTER_STATE", stateDir.toString());
    builder.environment().put("DEBUGSESSION_CLUSTER_KEEP_STATE", "1");
    try {
      Process down = builder.start();
      if (!down.waitFor(2, TimeUnit.MINUTES)) {
        System.err.println("[real-node] down.sh still running after 2 minutes; see " + stateDir.resolve("logs"));
      }
    } catch (IOException e) {
      System.err.println("[real-node] could not run down.sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Builds the operator's image from target/quarkus-app, imports it into this node and writes the overlay of
   * config/default for this node, as {@code test/cluster/deploy-operator.sh} does for a person; returns the overlay's
   * directory.
   */
  public Path deployOperatorOverlay() {
    List<String> output = run(DEPLOY_OPERATOR, Map.of("DEBUGSESSION_CLUSTER_STATE", stateDir.toString()));
    return Path.of(output.get(output.size() - 1));
  }

  /** Runs the real kubectl as {@code user}, allowing it {@code timeout} (a deletion that waits, say). */
  public String kubectl(Duration timeout, TestUser user, String... args) {
    return kubectl.run(kubeconfig(user), timeout, args);
  }

  /** {@code https://127.0.0.1:<port>} */
  public String url() {
    return url;
  }

  public KubernetesClient client(TestUser user) {
    return new KubernetesClientBuilder()
        .withConfig(KubeApiServer.config(url, user.token(), "test-as-" + user.userName())).build();
  }

  /**
   * A client of the operator's ServiceAccount (a fresh token), whose only rights are those config/rbac grants it, and
   * the only user the bypass guard of config/admission lets add ephemeral containers directly.
   */
  public KubernetesClient operatorClient() {
    String token;
    try (KubernetesClient admin = client(TestUser.ADMIN)) {
      token = RealCluster.operatorToken(admin);
    }
    return new KubernetesClientBuilder().withConfig(KubeApiServer.config(url, token, "test-as-operator")).build();
  }

  /** Runs the real kubectl as {@code user}; returns its output, or throws with it when kubectl fails. */
  public String kubectl(TestUser user, String... args) {
    return kubectl.run(kubeconfig(user), args);
  }

  /** Starts the real kubectl as {@code user} in a terminal of its own, as {@code kubectl attach -it} needs. */
  public KubectlTerminal kubectlInTerminal(TestUser user, String... args) {
    return KubectlTerminal.start(kubectl.binary(), kubeconfig(user), args);
  }

  /** {@code user}'s kubeconfig, written once: tests running side by side must never read it half rewritten. */
  public Path kubeconfig(TestUser user) {
    return kubeconfigs.computeIfAbsent(user,
        u -> KubeApiServer.writeKubeconfig(stateDir.resolve(u.userName() + ".kubeconfig"), url, u));
  }
}
