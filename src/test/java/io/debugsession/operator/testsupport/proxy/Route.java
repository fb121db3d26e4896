package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;

/**
 * How a kind of request reaches the upstream and how the upstream's answer reaches the client. Faults work
 * between the two steps, so they apply alike to plain requests and to exec.
 */
interface Route {

  /** Sends the request upstream; completes with the answer's head. */
  Future<HttpClientResponse> forward(Exchange exchange);

  /** Passes the answer on to the client (or acts on it), reading its body. */
  void deliver(Exchange exchange, HttpClientResponse answer);
}
