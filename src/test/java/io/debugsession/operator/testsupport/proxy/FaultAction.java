package io.debugsession.operator.testsupport.proxy;

import java.time.Duration;

/** What a {@link Fault} does to a request it applies to. */
sealed interface FaultAction permits FaultAction.Respond, FaultAction.LoseResponse, FaultAction.Delay,
    FaultAction.Hold {

  void apply(Exchange exchange);

  /** Answers in the server's place; the server never sees the request. */
  record Respond(StatusReply reply) implements FaultAction {

    @Override
    public void apply(Exchange exchange) {
      exchange.reply(reply);
    }
  }

  /**
   * The server handles the request (a write takes effect) but its answer never reaches the client, which gets
   * a 504 instead - only once the server has answered, so that a retry always finds the first write applied.
   */
  record LoseResponse() implements FaultAction {

    @Override
    public void apply(Exchange exchange) {
      exchange.forward().onSuccess(answer -> {
        exchange.discard(answer);
        exchange.reply(Statuses.lostResponse());
      }).onFailure(exchange::upstreamFailed);
    }
  }

  /** The server's answer reaches the client only after {@code delay}: a slow server, or a client timeout. */
  record Delay(Duration delay) implements FaultAction {

    @Override
    public void apply(Exchange exchange) {
      exchange.forward().onSuccess(answer -> {
        answer.pause();
        exchange.vertx().setTimer(Math.max(1, delay.toMillis()), timer -> exchange.deliver(answer));
      }).onFailure(exchange::upstreamFailed);
    }
  }

  /**
   * Neither forwarded nor answered: the request waits until the client gives up or the proxy closes, as a request
   * does whose sender dies before it reaches the server.
   */
  record Hold() implements FaultAction {

    @Override
    public void apply(Exchange exchange) {
      // Nothing: the request stays paused, its connection open.
    }
  }
}
