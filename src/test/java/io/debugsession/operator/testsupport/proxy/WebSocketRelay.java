package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import java.util.List;

/**
 * A WebSocket other than exec, which is how fabric8 watches (the informers of the operator among them): the upgrade
 * goes to the real server first, and only once it has accepted does the client's upgrade complete; from then on every
 * message is passed on both ways, and either side closing closes the other. A refused upgrade (a 403, a 410 Gone of
 * an expired resourceVersion) reaches the client with the server's status and body. Faults do not apply to these.
 */
final class WebSocketRelay {

  private final Upstream apiServer;

  WebSocketRelay(Upstream apiServer) {
    this.apiServer = apiServer;
  }

  static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return request.method() == HttpMethod.GET && upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  void relay(HttpServerRequest request, ProxyLog.Entry entry) {
    String protocols = request.getHeader("Sec-WebSocket-Protocol");
    List<String> subProtocols = protocols == null ? List.of() : List.of(protocols.split("\\s*,\\s*"));
    apiServer.webSocket(request.uri(), Headers.toUpstreamWithoutUpgrade(request.headers()), subProtocols)
        .onSuccess(upstream -> {
          upstream.pause(); // a watch event may come before the client's side is open: hold it until then
          request.toWebSocket().onSuccess(downstream -> {
            entry.answered(101);
            pipe(upstream, downstream);
            upstream.resume();
          }).onFailure(failure -> upstream.close());
        })
        .onFailure(failure -> refuse(request, entry, failure));
  }

  private static void pipe(WebSocket upstream, ServerWebSocket downstream) {
    upstream.binaryMessageHandler(downstream::writeBinaryMessage);
    upstream.textMessageHandler(downstream::writeTextMessage);
    downstream.binaryMessageHandler(upstream::writeBinaryMessage);
    downstream.textMessageHandler(upstream::writeTextMessage);
    upstream.closeHandler(closed -> closeQuietly(downstream, upstream.closeStatusCode(), upstream.closeReason()));
    downstream.closeHandler(closed -> closeQuietly(upstream, downstream.closeStatusCode(), downstream.closeReason()));
    upstream.exceptionHandler(error -> downstream.close());
    downstream.exceptionHandler(error -> upstream.close());
  }

  private static void closeQuietly(io.vertx.core.http.WebSocketBase socket, Short code, String reason) {
    if (!socket.isClosed()) {
      if (code == null) {
        socket.close();
      } else {
        socket.close(code, reason);
      }
    }
  }

  private static void refuse(HttpServerRequest request, ProxyLog.Entry entry, Throwable failure) {
    if (failure instanceof UpgradeRejectedException rejected) {
      entry.answered(rejected.getStatus());
      MultiMap headers = rejected.getHeaders() == null ? MultiMap.caseInsensitiveMultiMap()
          : Headers.toClient(rejected.getHeaders());
      request.response().setStatusCode(rejected.getStatus()).headers().addAll(headers);
      request.response().headers().remove(HttpHeaders.CONTENT_LENGTH);
      if (rejected.getBody() != null) {
        request.response().end(rejected.getBody());
      } else {
        request.response().end();
      }
      return;
    }
    StatusReply reply = Statuses.upstreamUnreachable(failure);
    entry.answered(reply.code());
    request.response().setStatusCode(reply.code()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(reply.json());
  }
}
