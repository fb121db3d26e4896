package io.debugsession.operator.testsupport.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real etcd and kube-apiserver, started as child processes on free loopback ports, configured the way a production
 * control plane is where our operator's behaviour depends on it: RBAC authorization, the default admission plugins
 * (PodSecurity, ValidatingAdmissionPolicy, ServiceAccount among them), service-account tokens (TokenRequest, signed
 * with a key made here). People authenticate with bearer tokens from a static token file ({@link TestUser}).
 *
 * <p>There is no controller-manager, scheduler or kubelet: namespaces are never finalized, no ServiceAccount is
 * created for a namespace, pods run nowhere (tests write what a kubelet would report through {@code pods/status}),
 * and nothing computes a PodDisruptionBudget's status.
 *
 * <p>The serving certificate is the one kube-apiserver makes for itself in its {@code --cert-dir}, so clients trust
 * it without a CA: acceptable for a server on loopback that lives as long as the test JVM.
 */
public final class KubeApiServer implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final Path workDir;
  private final int securePort;
  private final List<Process> processes = new ArrayList<>();
  private String[] apiServerCommand;
  private String etcdUrl;
  private String version;

  private KubeApiServer(Path workDir, int securePort) {
    this.workDir = workDir;
    this.securePort = securePort;
  }

  /** Starts etcd and kube-apiserver and returns once {@code /readyz} answers 200 (bootstrap RBAC roles in place). */
  public static KubeApiServer start(ClusterBinaries binaries, Path workDir) {
    return startIn(workDir, server -> server.startEtcdAndApiServer(binaries));
  }

  /**
   * Starts a second kube-apiserver on {@code shared}'s etcd, under the key prefix {@code etcdPrefix} instead of the
   * default {@code /registry}: a control plane of its own that sees none of {@code shared}'s objects (no CRDs, no
   * RBAC of ours, no namespaces but the built-in ones), and whose writes {@code shared} never sees. Costs one
   * kube-apiserver start instead of an etcd too; {@link #close} stops only this kube-apiserver.
   */
  public static KubeApiServer startBeside(KubeApiServer shared, ClusterBinaries binaries, Path workDir,
      String etcdPrefix) {
    return startIn(workDir, server -> server.startApiServer(binaries, shared.etcdUrl, etcdPrefix));
  }

  private interface Launch {
    void processesOf(KubeApiServer server) throws IOException;
  }

  private static KubeApiServer startIn(Path workDir, Launch launch) {
    try {
      Files.createDirectories(workDir);
      KubeApiServer server = new KubeApiServer(workDir, freePort());
      try {
        launch.processesOf(server);
      } catch (RuntimeException | IOException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the real API server in " + workDir, e);
    }
  }

  private void startEtcdAndApiServer(ClusterBinaries binaries) throws IOException {
    int etcdPort = freePort();
    int etcdPeerPort = freePort();
    String clientUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + etcdPeerPort;
    launch("etcd", binaries.etcd().toString(),
        "--name=test", "--data-dir=" + workDir.resolve("etcd-data"),
        "--listen-client-urls=" + clientUrl, "--advertise-client-urls=" + clientUrl,
        "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=test=" + peerUrl,
        // A test cluster's data is thrown away at the end; fsync on every write would only slow the tests.
        "--unsafe-no-fsync", "--log-level=warn");
    startApiServer(binaries, clientUrl, "/registry");
  }

  private void startApiServer(ClusterBinaries binaries, String etcdServers, String etcdPrefix) throws IOException {
    etcdUrl = etcdServers;
    Path tokens = workDir.resolve("tokens.csv");
    Files.writeString(tokens, Arrays.stream(TestUser.values()).map(TestUser::tokenFileLine)
        .collect(Collectors.joining("\n", "", "\n")));
    ServiceAccountSigningKey key = ServiceAccountSigningKey.generate(workDir);
    apiServerCommand = new String[] {binaries.kubeApiServer().toString(),
        "--etcd-servers=" + etcdServers, "--etcd-prefix=" + etcdPrefix,
        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", "--secure-port=" + securePort,
        "--cert-dir=" + workDir.resolve("certs"),
        "--token-auth-file=" + tokens,
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-account-key-file=" + key.publicKey(),
        "--service-account-signing-key-file=" + key.privateKey(),
        "--service-cluster-ip-range=10.0.0.0/24",
        // The sysadmin profile runs privileged; Pod Security, not this flag, decides where that is allowed.
        "--allow-privileged=true",
        "--profiling=false"};
    launch("kube-apiserver", apiServerCommand);
    awaitReady();
  }

  /**
   * Stops kube-apiserver (SIGTERM, as a rolling restart of a control plane does) and starts it again on the same port,
   * with the same etcd, flags, certificates and keys; returns once it is ready again. Every client connection breaks:
   * watches end and requests in flight fail, as they do when a real API server restarts. {@code whileDown} runs
   * between the stop and the start.
   */
  public synchronized void restartApiServer(Runnable whileDown) {
    Process apiServer = processes.remove(processes.size() - 1);
    stop(apiServer);
    whileDown.run();
    try {
      launch("kube-apiserver", apiServerCommand);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not restart kube-apiserver in " + workDir, e);
    }
    awaitReady();
  }

  private void launch(String name, String... command) throws IOException {
    Path log = workDir.resolve(name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    processes.add(process);
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    String lastAnswer = "no answer yet";
    while (Instant.now().isBefore(deadline)) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException("A control-plane process exited with code " + process.exitValue()
              + " during start; see the logs in " + workDir);
        }
      }
      try {
        HttpResponse<String> ready = http.send(request("/readyz"), HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          version = http.send(request("/version"), HttpResponse.BodyHandlers.ofString()).body()
              .replaceAll("(?s).*\"gitVersion\":\\s*\"([^\"]+)\".*", "$1");
          return;
        }
        lastAnswer = "HTTP " + ready.statusCode() + ": " + ready.body();
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException("kube-apiserver was not ready within " + STARTUP_TIMEOUT + " (" + lastAnswer
        + "); see the logs in " + workDir);
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + TestUser.ADMIN.token()).build();
  }

  /** {@code https://127.0.0.1:<port>} */
  public String url() {
    return "https://127.0.0.1:" + securePort;
  }

  /** What the server's {@code /version} says, e.g. {@code v1.34.12}. */
  public String version() {
    return version;
  }

  public Path workDir() {
    return workDir;
  }

  /** A client configuration for {@code user}, against {@code masterUrl} (this server, or a proxy in front of it). */
  public static Config config(String masterUrl, String bearerToken, String userAgent) {
    return new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).withOauthToken(bearerToken)
        .withTrustCerts(true).withDisableHostnameVerification(true).withNamespace("default")
        .withUserAgent(userAgent).build();
  }

  public KubernetesClient client(TestUser user) {
    return new KubernetesClientBuilder().withConfig(config(url(), user.token(), "test-as-" + user.userName()))
        .build();
  }

  /** The bearer token the server maps to {@code user}. */
  public String token(TestUser user) {
    return user.token();
  }

  /** A kubeconfig file for {@code user}, for the real kubectl. */
  public Path kubeconfig(TestUser user) {
    return writeKubeconfig(workDir.resolve(user.userName() + ".kubeconfig"), url(), user);
  }

  /** A kubeconfig file for a user known by a bearer token only, e.g. a ServiceAccount's from the TokenRequest API. */
  public Path kubeconfig(String name, String bearerToken) {
    return writeKubeconfig(workDir.resolve(name + ".kubeconfig"), url(), name, bearerToken);
  }

  static Path writeKubeconfig(Path file, String url, TestUser user) {
    return writeKubeconfig(file, url, user.userName(), user.token());
  }

  /** Writes a kubeconfig for {@code user} of the server at {@code url}, whose certificate it does not check. */
  private static Path writeKubeconfig(Path file, String url, String userName, String token) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
        - name: %s
          user: {token: "%s"}
        contexts:
        - name: test
          context: {cluster: test, user: %s, namespace: default}
        current-context: test
        """.formatted(url, userName, token, userName);
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  @Override
  public void close() {
    // The API server first, so that it does not log etcd's disappearance as an error.
    for (int i = processes.size() - 1; i >= 0; i--) {
      stop(processes.get(i));
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static SSLContext trustAll() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, new SecureRandom());
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
