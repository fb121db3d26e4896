package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;

/**
 * The real API server behind the proxy, reached over HTTP/1.1 (HTTPS for an {@code https} URI) trusting any
 * certificate: the test server's serving certificate is self-signed, and what is tested is the client in front
 * of the proxy, not TLS. The pool is large because every open watch holds a connection for its whole life.
 */
final class Upstream {

  private static final int CONNECTIONS = 256;

  private final HttpClient client;
  private final WebSocketClient webSockets;
  private final String host;
  private final int port;
  private final boolean ssl;

  Upstream(Vertx vertx, URI uri) {
    this.ssl = "https".equalsIgnoreCase(uri.getScheme());
    this.host = uri.getHost();
    this.port = uri.getPort() != -1 ? uri.getPort() : ssl ? 443 : 80;
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setSsl(ssl)
        .setTrustAll(true)
        .setVerifyHost(false);
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(CONNECTIONS));
    // Large frames: a watch event carries a whole object.
    this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(ssl).setTrustAll(true)
        .setVerifyHost(false).setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
  }

  /** Opens a WebSocket (a watch) to {@code uri}, offering {@code subProtocols} when there are any. */
  Future<WebSocket> webSocket(String uri, MultiMap headers, List<String> subProtocols) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setSsl(ssl)
        .setURI(uri).setHeaders(headers);
    if (!subProtocols.isEmpty()) {
      options.setSubProtocols(subProtocols);
    }
    return webSockets.connect(options);
  }

  /**
   * Sends a request; completes with the answer's head, its body still to be read.
   *
   * @param uri path and raw query, as received
   * @param body {@code null} to send none
   */
  Future<HttpClientResponse> send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost(host).setPort(port).setSsl(ssl)
        .setURI(uri).setHeaders(headers);
    return client.request(options).compose(request -> body == null ? request.send() : request.send(body));
  }
}
