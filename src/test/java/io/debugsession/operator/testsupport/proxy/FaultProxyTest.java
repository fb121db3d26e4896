package io.debugsession.operator.testsupport.proxy;

import io.debugsession.operator.testsupport.ExecRequest;
import io.debugsession.operator.testsupport.ExecResult;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The proxy's own behaviour, against a minimal HTTPS upstream started by the test. */
@Timeout(60)
class FaultProxyTest {

  private static final String POD = "/api/v1/namespaces/ns/pods/p";
  private static final String EXEC = POD + "/exec";
  private static final String FORBIDDEN_EXEC = new JsonObject().put("kind", "Status").put("apiVersion", "v1")
      .put("metadata", new JsonObject()).put("status", "Failure")
      .put("message", "pods \"p\" is forbidden: User \"alice\" cannot get resource \"pods/exec\" in API group \"\""
          + " in the namespace \"ns\"")
      .put("reason", "Forbidden").put("details", new JsonObject().put("name", "p").put("kind", "pods"))
      .put("code", 403).encode();
  private static final String MISSING_NODE = Statuses.status(404, "NotFound", "pods \"node-1\" not found",
      new JsonObject().put("name", "node-1").put("kind", "pods")).json(); // as kube-apiserver v1.34.12 says it

  @TempDir
  static Path keystoreDir;
  private static Path keystore;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private TestUpstream upstream;
  private FaultProxy proxy;

  @BeforeAll
  static void certificate() throws Exception {
    keystore = TestUpstream.selfSignedKeystore(keystoreDir);
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void forwardsMethodPathQueryHeadersAndBodyAndRelaysTheAnswer() throws Exception {
    start((request, body) -> request.response().setStatusCode(201).putHeader("X-Upstream", "yes").end("created"));

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(proxy.url()
            + "/api/v1/namespaces/ns/pods?dryRun=All&fieldManager=op"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"Pod\"}"))
        .header("Authorization", "Bearer token-1").header("Impersonate-User", "alice")
        .header("User-Agent", "operator/1.0").header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("X-Upstream")).contains("yes");
    assertThat(response.body()).isEqualTo("created");
    TestUpstream.Received received = upstream.received().get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.uri()).isEqualTo("/api/v1/namespaces/ns/pods?dryRun=All&fieldManager=op");
    assertThat(received.body()).isEqualTo("{\"kind\":\"Pod\"}");
    assertThat(received.headers().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(received.headers().get("Impersonate-User")).isEqualTo("alice");
    assertThat(received.headers().get("User-Agent")).isEqualTo("operator/1.0");
    assertThat(received.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(proxy.requests()).containsExactly(new ProxiedRequest("POST", "/api/v1/namespaces/ns/pods",
        "dryRun=All&fieldManager=op", "operator/1.0", 201));
  }

  @Test
  void streamsAChunkedAnswerChunkByChunkBeforeTheUpstreamFinishes() throws Exception {
    AtomicReference<HttpServerResponse> open = new AtomicReference<>();
    start((request, body) -> {
      HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
      response.write("{\"type\":\"ADDED\"}\n");
      open.set(response);
    });

    HttpResponse<InputStream> response = http.send(get("/api/v1/namespaces/ns/pods?watch=true"),
        HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(events.readLine()).isEqualTo("{\"type\":\"ADDED\"}");
      assertThat(open.get().ended()).isFalse();

      open.get().end("{\"type\":\"DELETED\"}\n");

      assertThat(events.readLine()).isEqualTo("{\"type\":\"DELETED\"}");
      assertThat(events.readLine()).isNull();
    }
    assertThat(proxy.requests()).extracting(ProxiedRequest::status).containsExactly(200);
  }

  @Test
  void respondsInTheServersPlaceForTheNextRequestsThenForwardsAgain() throws Exception {
    start((request, body) -> request.response().end("{}"));
    RequestMatcher patchPod = RequestMatcher.of("PATCH", path -> path.equals(POD));
    Fault conflict = proxy.respond(patchPod, 2, Statuses.conflict("pods", "p"));

    List<HttpResponse<String>> responses = List.of(send(patch(POD)), send(patch(POD)), send(get(POD)),
        send(patch(POD)));

    assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(409, 409, 200, 200);
    JsonObject status = new JsonObject(responses.get(0).body());
    assertThat(status.getString("reason")).isEqualTo("Conflict");
    assertThat(status.getString("message")).isEqualTo("Operation cannot be fulfilled on pods \"p\": the object has "
        + "been modified; please apply your changes to the latest version and try again");
    assertThat(responses.get(0).headers().firstValue("Content-Type")).contains("application/json");
    assertThat(conflict.fired()).isEqualTo(2);
    assertThat(upstream.received()).extracting(TestUpstream.Received::method).containsExactly("GET", "PATCH");
    assertThat(proxy.requests(patchPod)).extracting(ProxiedRequest::status).containsExactly(409, 409, 200);
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() throws Exception {
    start((request, body) -> request.response().end("{}"));
    proxy.respond(RequestMatcher.any(), 1, Statuses.tooManyRequests("Too many requests, please try again later."));

    HttpResponse<String> response = send(get(POD));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo("TooManyRequests");
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void loseResponseLetsTheWriteReachTheUpstreamButGivesTheClient504() throws Exception {
    start((request, body) -> request.response().end("{\"kind\":\"Pod\"}"));
    Fault lost = proxy.loseResponse(RequestMatcher.of("PATCH", path -> path.endsWith("/p")), 1);

    HttpResponse<String> response = send(patch(POD));

    assertThat(response.statusCode()).isEqualTo(504);
    JsonObject status = new JsonObject(response.body());
    assertThat(status.getString("reason")).isEqualTo("Timeout");
    assertThat(status.getString("message")).isEqualTo("Timeout: the response was lost");
    assertThat(upstream.received()).extracting(TestUpstream.Received::method, TestUpstream.Received::body)
        .containsExactly(tuple("PATCH", "{\"metadata\":{}}"));
    assertThat(lost.fired()).isEqualTo(1);
    assertThat(send(patch(POD)).statusCode()).isEqualTo(200);
  }

  @Test
  void delayHoldsTheUpstreamAnswer() throws Exception {
    start((request, body) -> request.response().end("{}"));
    proxy.delay(RequestMatcher.anyMethod(path -> path.equals(POD)), 1, Duration.ofMillis(500));

    long started = System.nanoTime();
    HttpResponse<String> response = send(get(POD));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void holdNeitherForwardsNorAnswersUntilTheProxyCloses() throws Exception {
    start((request, body) -> request.response().end("{}"));
    Fault held = proxy.hold(RequestMatcher.anyMethod(path -> path.equals(POD)), 1);

    var answer = http.sendAsync(get(POD), HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> held.fired() == 1);
    Thread.sleep(300); // long enough for a forwarded request to reach the upstream and its answer to come back

    assertThat(answer).isNotDone();
    assertThat(upstream.received()).isEmpty();
    proxy.close();
    proxy = null;
    assertThat(answer).failsWithin(Duration.ofSeconds(10));
  }

  @Test
  void execRelaysTheServersRefusalUnchanged() throws Exception {
    start(apiServer(EXEC, 403, FORBIDDEN_EXEC));
    proxy.exec().setHandler(request -> ExecResult.success("never\n"));

    UpgradeRejectedException rejection = execUpgradeRejection(EXEC + "?command=echo&container=c&stdout=true");

    assertThat(rejection.getStatus()).isEqualTo(403);
    assertThat(rejection.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(rejection.getBody().toString()).isEqualTo(FORBIDDEN_EXEC);
    assertThat(proxy.exec().calls()).isEmpty();
    assertThat(proxy.requests(RequestMatcher.anyMethod(path -> path.equals(EXEC))))
        .extracting(ProxiedRequest::status).containsExactly(403);
  }

  @Test
  void execPlaysTheHandlerOffTheEventLoopWhenTheServerCannotReachAKubelet() throws Exception {
    start(apiServer(EXEC, 404, MISSING_NODE));
    AtomicReference<String> handlerThread = new AtomicReference<>();
    proxy.exec().setHandler(request -> {
      handlerThread.set(Thread.currentThread().getName());
      return ExecResult.success("hi\n");
    });
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    try (KubernetesClient client = client();
        ExecWatch exec = client.pods().inNamespace("ns").withName("p").inContainer("c").writingOutput(stdout)
            .exec("echo", "hi")) {
      assertThat(exec.exitCode().get(10, TimeUnit.SECONDS)).isZero();
    }

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stdout.toString(StandardCharsets.UTF_8))
        .isEqualTo("hi\n"));
    assertThat(proxy.exec().calls()).containsExactly(
        new ExecRequest("ns", "p", "c", List.of("echo", "hi"), false, true, false, false));
    assertThat(handlerThread.get()).doesNotContain("eventloop");
    TestUpstream.Received probe = upstream.received().stream().filter(r -> r.uri().startsWith(EXEC)).findFirst()
        .orElseThrow();
    assertThat(probe.method()).isEqualTo("GET");
    assertThat(probe.uri()).isEqualTo(EXEC + "?command=echo&command=hi&container=c&stdout=true");
    assertThat(probe.headers().get("Authorization")).isEqualTo("Bearer token-1");
    assertThat(probe.headers().names()).noneMatch(name -> name.equalsIgnoreCase("Upgrade")
        || name.toLowerCase(Locale.ROOT).startsWith("sec-websocket-"));
    assertThat(proxy.requests(RequestMatcher.anyMethod(path -> path.equals(EXEC))))
        .extracting(ProxiedRequest::status).containsExactly(101);
  }

  @Test
  void execReportsTheHandlersNonZeroExitCode() throws Exception {
    start(apiServer(EXEC, 404, MISSING_NODE));
    proxy.exec().setHandler(request -> ExecResult.exit(3, "", "failed\n"));

    try (KubernetesClient client = client();
        ExecWatch exec = client.pods().inNamespace("ns").withName("p").inContainer("c").redirectingOutput()
            .exec("sh", "-c", "exit 3")) {
      assertThat(exec.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }
  }

  @Test
  void watchWebSocketIsRelayedBothWaysWithTheClientsCredentials() throws Exception {
    start((request, body) -> request.response().setStatusCode(404).end());
    Vertx vertx = Vertx.vertx();
    try {
      List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
      URI url = URI.create(proxy.url());
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
          .setURI("/api/v1/namespaces/ns/pods?watch=true").addHeader("Authorization", "Bearer token-1");

      vertx.createWebSocketClient().connect(options).onSuccess(webSocket -> {
        webSocket.textMessageHandler(messages::add);
        webSocket.writeTextMessage("hello");
      }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(messages).containsExactly("event-1", "echo:hello"));
      assertThat(upstream.received()).singleElement().satisfies(received -> {
        assertThat(received.uri()).isEqualTo("/api/v1/namespaces/ns/pods?watch=true");
        assertThat(received.headers().get("Authorization")).isEqualTo("Bearer token-1");
      });
      assertThat(proxy.requests()).extracting(ProxiedRequest::status).containsExactly(101);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusedWebSocketUpgradeReachesTheClientWithTheServersStatus() throws Exception {
    start((request, body) -> request.response().setStatusCode(404).end());

    UpgradeRejectedException rejection = execUpgradeRejection(TestUpstream.REFUSED_WEBSOCKET + "?watch=true");

    assertThat(rejection.getStatus()).isEqualTo(410);
    assertThat(proxy.requests()).extracting(ProxiedRequest::status).containsExactly(410);
  }

  private void start(BiConsumer<HttpServerRequest, Buffer> handler) throws Exception {
    upstream = TestUpstream.start(keystore, handler);
    proxy = FaultProxy.start(upstream.uri());
  }

  /**
   * Just enough of an API server for fabric8's exec: the pod {@code ns/p} (running, with container {@code c},
   * on {@code node-1}) for the lookups fabric8 makes first, and {@code code}/{@code status} on {@code path}.
   */
  private static BiConsumer<HttpServerRequest, Buffer> apiServer(String path, int code, String status) {
    JsonObject pod = new JsonObject().put("apiVersion", "v1").put("kind", "Pod")
        .put("metadata", new JsonObject().put("name", "p").put("namespace", "ns").put("resourceVersion", "1"))
        .put("spec", new JsonObject().put("nodeName", "node-1")
            .put("containers", List.of(new JsonObject().put("name", "c").put("image", "busybox"))))
        .put("status", new JsonObject().put("phase", "Running")
            .put("conditions", List.of(new JsonObject().put("type", "Ready").put("status", "True"))));
    return (request, body) -> {
      HttpServerResponse response = request.response().putHeader("Content-Type", "application/json");
      if (request.path().equals(path)) {
        response.setStatusCode(code).end(status);
      } else if (request.path().equals(POD)) {
        response.end(pod.encode());
      } else if (request.path().equals("/api/v1/namespaces/ns/pods") && request.getParam("watch") == null) {
        response.end(new JsonObject().put("apiVersion", "v1").put("kind", "PodList")
            .put("metadata", new JsonObject().put("resourceVersion", "1")).put("items", List.of(pod)).encode());
      } else {
        response.setStatusCode(404).end(Statuses.status(404, "NotFound", "the server could not find the requested "
            + "resource", null).json());
      }
    };
  }

  /** A WebSocket upgrade as fabric8 sends it, which must fail; the failure with the answer's status and body. */
  /** A WebSocket upgrade of {@code uri} through the proxy (as an exec client asks for it) that must be refused. */
  private UpgradeRejectedException execUpgradeRejection(String uri) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      URI url = URI.create(proxy.url());
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
          .setURI(uri).addSubProtocol("v4.channel.k8s.io").addHeader("Authorization", "Bearer token-1");
      Throwable failure = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
          .handle((webSocket, error) -> error).get(10, TimeUnit.SECONDS);
      assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
      return (UpgradeRejectedException) failure;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private KubernetesClient client() {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(proxy.url()).withOauthToken("token-1")
        .withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(proxy.url() + path)).GET().build();
  }

  private HttpRequest patch(String path) {
    return HttpRequest.newBuilder(URI.create(proxy.url() + path))
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"metadata\":{}}"))
        .header("Content-Type", "application/merge-patch+json").build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
