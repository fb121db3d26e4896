package io.debugsession.operator.testsupport.proxy;

import io.debugsession.operator.testsupport.ExecHandler;
import io.debugsession.operator.testsupport.ExecRequest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the kubelet's side of an exec that the real server let through (see {@link ExecRoute}): accepts the
 * client's WebSocket upgrade, lets the test's {@link ExecHandler} play the process, and sends its output and
 * exit status the way the kubelet's remotecommand server does (see {@link ExecChannels}).
 *
 * <p>The handler runs on a Vert.x worker thread, never on the event loop: it may call back into the real
 * server through a KubernetesClient (through this proxy too), e.g. to report the process exit in the pod
 * status as a kubelet would. stdin is not read, tty and terminal resizes are ignored, and each stream comes
 * in one message.
 */
public final class KubeletExecStandIn {

  private final List<ExecRequest> calls = new CopyOnWriteArrayList<>();
  private volatile ExecHandler handler = ExecHandler.NONE;

  public void setHandler(ExecHandler handler) {
    this.handler = handler == null ? ExecHandler.NONE : handler;
  }

  /** The exec calls the real server let through to the stand-in, in arrival order; refused ones are not here. */
  public List<ExecRequest> calls() {
    return List.copyOf(calls);
  }

  public void reset() {
    calls.clear();
    handler = ExecHandler.NONE;
  }

  void play(Exchange exchange, ExecRequest request) {
    calls.add(request);
    ExecHandler current = handler;
    exchange.request().toWebSocket().onSuccess(webSocket -> {
      exchange.answered(101);
      exchange.vertx().executeBlocking(() -> current.exec(request), false)
          .onComplete(outcome -> ExecChannels.finish(webSocket, request, outcome));
    });
  }
}
