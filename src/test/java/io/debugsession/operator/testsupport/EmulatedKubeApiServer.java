package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 {@link KubernetesMockServer} in CRUD mode whose dispatcher also serves
 * {@code pods/{name}/ephemeralcontainers}, {@code pods/{name}/exec} and {@code pods/{name}/eviction} like
 * kube-apiserver, refuses direct pod writes to {@code spec.ephemeralContainers}, and logs every request it
 * receives ({@link #requests()}, for RBAC). See {@link EphemeralContainersEmulation}, {@link ExecEmulation},
 * {@link EvictionEmulation} and {@link DirectPodUpdateGuard} for what is and is not emulated.
 *
 * <pre>
 * try (EmulatedKubeApiServer api = EmulatedKubeApiServer.start();
 *     KubernetesClient client = api.createClient()) {
 *   ...
 * }
 * </pre>
 *
 * Plain HTTP by default, so a client configured only with {@link #url()} (e.g. a Quarkus
 * {@code quarkus.kubernetes-client.api-server-url}) needs no trust settings.
 */
public final class EmulatedKubeApiServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final EphemeralContainersEmulation ephemeralContainers;
  private final ExecEmulation exec;
  private final EvictionEmulation evictions;
  private final RequestLog requests = new RequestLog();

  @SuppressWarnings("deprecation") // Serialization.jsonMapper(): the mapper KubernetesMockServer's own constructors use
  private EmulatedKubeApiServer(boolean https) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(expectations);
    CrudPodStore store = new CrudPodStore(crud);
    this.ephemeralContainers = new EphemeralContainersEmulation(store);
    this.exec = new ExecEmulation(store);
    this.evictions = new EvictionEmulation(store);
    SubresourceRouter router = new SubresourceRouter(crud, ephemeralContainers, exec, evictions,
        new DirectPodUpdateGuard(store), requests);
    this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations,
        router, https);
  }

  public static EmulatedKubeApiServer start() {
    return start(false);
  }

  public static EmulatedKubeApiServer start(boolean https) {
    EmulatedKubeApiServer api = new EmulatedKubeApiServer(https);
    api.server.init();
    return api;
  }

  /** A client for this server (namespace "test"), from KubernetesMockServer#createClient. */
  public NamespacedKubernetesClient createClient() {
    return server.createClient();
  }

  /** The base URL, e.g. {@code http://localhost:34567/}. */
  public String url() {
    return server.url("/");
  }

  /** A minimal client config from the URL alone, as code that is handed only a master URL would build it. */
  public Config config() {
    return new ConfigBuilder(Config.empty()).withMasterUrl(url()).withTrustCerts(true).withNamespace("test")
        .withHttp2Disable(true).build();
  }

  public KubernetesClient createClientFromUrl() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  public KubernetesMockServer server() {
    return server;
  }

  public EphemeralContainersEmulation ephemeralContainers() {
    return ephemeralContainers;
  }

  public ExecEmulation exec() {
    return exec;
  }

  public EvictionEmulation evictions() {
    return evictions;
  }

  /** Every request received since start (or the last {@code server().reset()}), for deriving RBAC. */
  public RequestLog requests() {
    return requests;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
