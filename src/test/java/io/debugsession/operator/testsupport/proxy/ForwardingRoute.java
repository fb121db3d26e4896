package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Any request but exec: sent upstream as received (the request body is small and read whole; the answer is
 * streamed back, so that watch events flow one by one).
 */
final class ForwardingRoute implements Route {

  private final Upstream upstream;

  ForwardingRoute(Upstream upstream) {
    this.upstream = upstream;
  }

  @Override
  public Future<HttpClientResponse> forward(Exchange exchange) {
    HttpServerRequest request = exchange.request();
    Future<Buffer> body = request.body();
    request.resume();
    return body.compose(bytes -> upstream.send(request.method(), request.uri(), Headers.toUpstream(request.headers()),
        hasBody(request, bytes) ? bytes : null));
  }

  @Override
  public void deliver(Exchange exchange, HttpClientResponse answer) {
    exchange.relay(answer);
  }

  private static boolean hasBody(HttpServerRequest request, Buffer bytes) {
    return bytes.length() > 0 || request.headers().contains(HttpHeaders.CONTENT_LENGTH);
  }
}
