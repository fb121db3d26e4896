package io.debugsession.operator.testsupport.proxy;

import io.debugsession.operator.testsupport.ExecRequest;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pods/{name}/exec}: the real server decides everything it decides before it needs a kubelet, and only
 * what needs a kubelet - the process - is played, by the {@link KubeletExecStandIn}.
 *
 * <p>The request is first sent upstream as a plain request (same method, path, query and credentials, without
 * the WebSocket upgrade). kube-apiserver authenticates and authorises it (RBAC on {@code pods/exec}), checks the
 * pod, the container (400 "container X is not valid for pod Y") and that the pod has a node (400 "pod X does
 * not have a host assigned"), then looks the Node up to reach its kubelet. The test cluster has no Node
 * objects, so a request that got that far fails there: only that failure, on a WebSocket upgrade, is handed to
 * the stand-in; every other answer reaches the client unchanged. A SPDY upgrade (POST) is never played.
 */
final class ExecRoute implements Route {

  private static final Pattern EXEC_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/exec");

  private final Upstream upstream;
  private final KubeletExecStandIn standIn;

  ExecRoute(Upstream upstream, KubeletExecStandIn standIn) {
    this.upstream = upstream;
    this.standIn = standIn;
  }

  static boolean isExec(HttpServerRequest request) {
    return (request.method() == HttpMethod.GET || request.method() == HttpMethod.POST)
        && EXEC_PATH.matcher(request.path()).matches();
  }

  /**
   * Whether kube-apiserver's answer is its failure to find the Node of the pod, the last check before it dials that
   * node's kubelet. Observed on v1.34.12 for a pod bound to a node that does not exist: 404 NotFound, message
   * {@code pods "node-1" not found}, details {@code {name: node-1, kind: pods}} (the node getter's error names the
   * wrong resource). Told apart from the pod itself being missing by the name: it is not the pod's.
   */
  static boolean isKubeletOfMissingNode(int code, String body, String pod) {
    if (code != 404) {
      return false;
    }
    try {
      JsonObject status = new JsonObject(body);
      JsonObject details = status.getJsonObject("details", new JsonObject());
      String missing = details.getString("name", "");
      return "Status".equals(status.getString("kind")) && "NotFound".equals(status.getString("reason"))
          && !missing.isEmpty() && !missing.equals(pod)
          && status.getString("message", "").equals("pods \"" + missing + "\" not found");
    } catch (DecodeException | ClassCastException notAStatus) {
      return false;
    }
  }

  @Override
  public Future<HttpClientResponse> forward(Exchange exchange) {
    HttpServerRequest request = exchange.request();
    return upstream.send(request.method(), request.uri(), Headers.toUpstreamWithoutUpgrade(request.headers()), null);
  }

  @Override
  public void deliver(Exchange exchange, HttpClientResponse answer) {
    if (answer.statusCode() < 400) {
      exchange.request().resume();
      exchange.relay(answer);
      return;
    }
    answer.body().onSuccess(body -> {
      HttpServerRequest request = exchange.request();
      if (isWebSocketUpgrade(request)
          && isKubeletOfMissingNode(answer.statusCode(), body.toString(StandardCharsets.UTF_8),
              execRequest(request).pod())) {
        standIn.play(exchange, execRequest(request));
      } else {
        request.resume();
        exchange.relay(answer, body);
      }
    }).onFailure(exchange::upstreamFailed);
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return request.method() == HttpMethod.GET && upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private static ExecRequest execRequest(HttpServerRequest request) {
    Matcher path = EXEC_PATH.matcher(request.path());
    if (!path.matches()) {
      throw new IllegalStateException("Not an exec path: " + request.path());
    }
    MultiMap query = request.params();
    return new ExecRequest(path.group(1), path.group(2), query.get("container"), List.copyOf(query.getAll("command")),
        flag(query, "stdin"), flag(query, "stdout"), flag(query, "stderr"), flag(query, "tty"));
  }

  /** kube-apiserver's bool parameter for exec options: "true" or "1". */
  private static boolean flag(MultiMap query, String name) {
    String value = query.get(name);
    return "true".equalsIgnoreCase(value) || "1".equals(value);
  }
}
