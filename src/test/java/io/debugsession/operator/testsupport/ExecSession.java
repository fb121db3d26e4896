package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The server side of one exec websocket, speaking {@code v4.channel.k8s.io}: every binary frame starts with
 * its channel (1 stdout, 2 stderr, 3 error channel with a metav1.Status), then the server closes.
 *
 * <p>fabric8 7.5.2 (ExecWebSocketListener) completes {@code ExecWatch#exitCode()} when the channel-3 frame
 * arrives: {@code "status":"Success"} is 0; reason {@code NonZeroExitCode} with a cause of reason
 * {@code ExitCode} carries the code in its message; anything else is -1. Frames are sent in order stdout,
 * stderr, status, so the output streams are complete when the exit code is.
 */
final class ExecSession extends WebSocketListener {

  private static final byte STDOUT = 1;
  private static final byte STDERR = 2;
  private static final byte ERROR = 3;

  private final ExecRequest request;
  private final Supplier<ExecHandler> handler;
  private final Executor executor;

  ExecSession(ExecRequest request, Supplier<ExecHandler> handler, Executor executor) {
    this.request = request;
    this.handler = handler;
    this.executor = executor;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    // Off the Vert.x event loop: the handler may call back into this very server.
    executor.execute(() -> run(webSocket));
  }

  private void run(WebSocket webSocket) {
    Status status;
    try {
      ExecResult result = handler.get().exec(request);
      if (request.stdout() && !result.stdout().isEmpty()) {
        send(webSocket, STDOUT, result.stdout());
      }
      if (request.stderr() && !result.stderr().isEmpty()) {
        send(webSocket, STDERR, result.stderr());
      }
      status = exitStatus(result.exitCode(), request);
    } catch (Exception e) {
      status = new StatusBuilder().withMetadata(new ListMeta()).withStatus("Failure")
          .withMessage("exec emulation: handler failed: " + e).build();
    }
    send(webSocket, ERROR, Serialization.asJson(status));
    webSocket.close(1000, "");
  }

  /** The Status the kubelet's remotecommand server writes on the error channel when the process exits. */
  static Status exitStatus(int exitCode, ExecRequest request) {
    if (exitCode == 0) {
      return new StatusBuilder().withMetadata(new ListMeta()).withStatus("Success").build();
    }
    return new StatusBuilder().withMetadata(new ListMeta()).withStatus("Failure")
        .withMessage("command terminated with non-zero exit code: error executing command " + request.command()
            + ", exit code " + exitCode)
        .withReason("NonZeroExitCode")
        .withDetails(new StatusDetailsBuilder()
            .withCauses(new StatusCauseBuilder().withReason("ExitCode").withMessage(String.valueOf(exitCode)).build())
            .build())
        .build();
  }

  private static void send(WebSocket webSocket, byte channel, String payload) {
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[data.length + 1];
    frame[0] = channel;
    System.arraycopy(data, 0, frame, 1, data.length);
    webSocket.send(frame);
  }
}
