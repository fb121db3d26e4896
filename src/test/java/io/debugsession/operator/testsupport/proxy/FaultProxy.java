package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reverse proxy in front of a real kube-apiserver, for what a real server cannot be made to do on demand: a
 * 5xx, a 429, a 409 storm, a lost or slow answer - and an exec, which needs a kubelet the test cluster does not
 * have. Everything else is the real server's answer, streamed through unchanged (watches event by event).
 *
 * <pre>
 * try (FaultProxy proxy = FaultProxy.start(apiServer.url())) {      // client config: proxy.url() + a token
 *   RequestMatcher ephemeral = RequestMatcher.of("PATCH", path -&gt; path.endsWith("/ephemeralcontainers"));
 *   proxy.respond(ephemeral, 2, Statuses.conflict("pods", "app"));  // 409 twice, then the real server
 *   proxy.loseResponse(ephemeral, 1);                               // applied, but the client gets a 504
 *   proxy.exec().setHandler(req -&gt; ExecResult.success("ok\n"));
 *   proxy.requests(ephemeral);                                      // what the client sent, with its codes
 * }
 * </pre>
 *
 * <p>Listens on plain HTTP on 127.0.0.1; offers the exec subprotocols {@code v5.channel.k8s.io} and
 * {@code v4.channel.k8s.io}. Faults apply to exec requests too: an answered one never reaches the server. Other
 * WebSockets (fabric8's watches) are relayed to the server as they are, faults aside ({@link WebSocketRelay}).
 */
public final class FaultProxy implements AutoCloseable {

  private static final List<String> EXEC_SUBPROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
  private static final long STARTUP_SECONDS = 30;
  /** Long label and field selectors make long request lines; the default (4096) is kube-apiserver's minimum. */
  private static final int MAX_REQUEST_LINE = 64 * 1024;

  private final Vertx vertx = Vertx.vertx();
  private final ProxyLog log = new ProxyLog();
  private final Faults faults = new Faults();
  private final KubeletExecStandIn exec = new KubeletExecStandIn();
  private volatile boolean execToNodes;
  private final ForwardingRoute forwarding;
  private final ExecRoute execRoute;
  private final WebSocketRelay webSockets;
  private HttpServer server;

  private FaultProxy(URI upstream) {
    Upstream apiServer = new Upstream(vertx, upstream);
    this.forwarding = new ForwardingRoute(apiServer);
    this.execRoute = new ExecRoute(apiServer, exec);
    this.webSockets = new WebSocketRelay(apiServer);
  }

  /** Starts a proxy to {@code upstream} (e.g. {@code https://127.0.0.1:6443}, no path) on a free port. */
  public static FaultProxy start(URI upstream) {
    FaultProxy proxy = new FaultProxy(upstream);
    try {
      HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
          .setHttp2ClearTextEnabled(false).setWebSocketSubProtocols(EXEC_SUBPROTOCOLS)
          .setMaxInitialLineLength(MAX_REQUEST_LINE);
      proxy.server = await(proxy.vertx.createHttpServer(options).requestHandler(proxy::handle).listen());
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Every request received, in arrival order. */
  public List<ProxiedRequest> requests() {
    return log.snapshot();
  }

  public List<ProxiedRequest> requests(RequestMatcher matcher) {
    return log.snapshot().stream().filter(request -> request.matches(matcher)).toList();
  }

  /** Forgets the requests received so far. */
  public void clear() {
    log.clear();
  }

  /** Answers the next {@code times} matching requests with {@code code} and a Status, without forwarding them. */
  public Fault respond(RequestMatcher matcher, int times, int code, String statusJson) {
    return respond(matcher, times, new StatusReply(code, statusJson));
  }

  /** As {@link #respond(RequestMatcher, int, int, String)}, with a reply from {@link Statuses}. */
  public Fault respond(RequestMatcher matcher, int times, StatusReply reply) {
    return faults.arm(new Fault(matcher, times, new FaultAction.Respond(reply)));
  }

  /** Forwards the next {@code times} matching requests, drops the answers and gives the client a 504 Timeout. */
  public Fault loseResponse(RequestMatcher matcher, int times) {
    return faults.arm(new Fault(matcher, times, new FaultAction.LoseResponse()));
  }

  /** Forwards the next {@code times} matching requests and holds each answer for {@code delay}. */
  public Fault delay(RequestMatcher matcher, int times, Duration delay) {
    return faults.arm(new Fault(matcher, times, new FaultAction.Delay(delay)));
  }

  /**
   * Holds the next {@code times} matching requests: never forwarded, never answered (until the client gives up or the
   * proxy closes), e.g. the write an operator was making when it was killed.
   */
  public Fault hold(RequestMatcher matcher, int times) {
    return faults.arm(new Fault(matcher, times, new FaultAction.Hold()));
  }

  /** Disarms every fault, fired or not. */
  public void disarm() {
    faults.clear();
  }

  /**
   * For a cluster with real nodes: exec WebSockets are relayed to the server as they are, like watches, and reach
   * the pod's kubelet (faults and the stand-in no longer apply to them).
   */
  public void relayExecToNodes() {
    execToNodes = true;
  }

  public KubeletExecStandIn exec() {
    return exec;
  }

  /** Back to a plain proxy: no faults, no requests, no exec calls or handler. */
  public void reset() {
    disarm();
    clear();
    exec.reset();
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private void handle(HttpServerRequest request) {
    request.pause();
    ProxyLog.Entry entry = log.record(request);
    if (WebSocketRelay.isWebSocketUpgrade(request) && (execToNodes || !ExecRoute.isExec(request))) {
      webSockets.relay(request, entry); // a watch, or an exec to a real node
      return;
    }
    Route route = ExecRoute.isExec(request) ? execRoute : forwarding;
    Exchange exchange = new Exchange(vertx, request, entry, route);
    faults.claim(request.method().name(), request.path())
        .ifPresentOrElse(fault -> fault.apply(exchange), exchange::proceed);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(STARTUP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Fault proxy: " + e.getMessage(), e);
    }
  }
}
