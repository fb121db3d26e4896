package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * One client request in flight: its {@link Route} to the upstream, and the ways to answer the client - relay
 * the upstream's answer (streamed, or already read), or reply in the server's place. Every answer is written
 * to the request log as the code the client got.
 *
 * <p>The client request arrives paused, so that its body (or, for exec, the end of the upgrade request) waits
 * for whichever step consumes it.
 */
final class Exchange {

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final ProxyLog.Entry entry;
  private final Route route;

  Exchange(Vertx vertx, HttpServerRequest request, ProxyLog.Entry entry, Route route) {
    this.vertx = vertx;
    this.request = request;
    this.entry = entry;
    this.route = route;
  }

  Vertx vertx() {
    return vertx;
  }

  HttpServerRequest request() {
    return request;
  }

  /** No fault: the upstream answers the client. */
  void proceed() {
    forward().onSuccess(this::deliver).onFailure(this::upstreamFailed);
  }

  Future<HttpClientResponse> forward() {
    return route.forward(this);
  }

  void deliver(HttpClientResponse answer) {
    route.deliver(this, answer);
  }

  /** Streams the answer to the client; if the client leaves first, the upstream request (a watch) is ended. */
  void relay(HttpClientResponse answer) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      discard(answer);
      return;
    }
    writeHead(answer);
    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(answer.statusCode())) {
      response.setChunked(true);
    }
    response.closeHandler(closed -> discard(answer));
    answer.pipe().endOnFailure(false).to(response).onFailure(failure -> response.reset());
  }

  /** Relays an answer whose body was already read. */
  void relay(HttpClientResponse answer, Buffer body) {
    if (!request.response().closed()) {
      writeHead(answer);
      request.response().end(body);
    }
  }

  void reply(StatusReply reply) {
    request.resume();
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    response.setStatusCode(reply.code()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (reply.retryAfterSeconds() > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(reply.retryAfterSeconds()));
    }
    answered(reply.code());
    response.end(reply.json());
  }

  void upstreamFailed(Throwable cause) {
    reply(Statuses.upstreamUnreachable(cause));
  }

  /** Drops the upstream's answer and its connection (the only way to end a watch). */
  void discard(HttpClientResponse answer) {
    answer.exceptionHandler(ignored -> { });
    answer.request().reset();
  }

  void answered(int code) {
    entry.answered(code);
  }

  private void writeHead(HttpClientResponse answer) {
    HttpServerResponse response = request.response();
    response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
    response.headers().addAll(Headers.toClient(answer.headers()));
    answered(answer.statusCode());
  }

  private boolean mayHaveBody(int code) {
    return request.method() != HttpMethod.HEAD && code >= 200 && code != 204 && code != 304;
  }
}
