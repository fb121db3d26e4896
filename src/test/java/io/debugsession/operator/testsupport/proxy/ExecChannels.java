package io.debugsession.operator.testsupport.proxy;

import io.debugsession.operator.testsupport.ExecRequest;
import io.debugsession.operator.testsupport.ExecResult;
import io.vertx.core.AsyncResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server side of the exec stream protocol ({@code v4.channel.k8s.io}; {@code v5} differs only in a
 * client-to-server close signal the stand-in does not need): each binary message starts with its channel -
 * 1 stdout, 2 stderr, 3 the error channel carrying a metav1.Status - then a normal close.
 *
 * <p>The Status is the kubelet's: {@code Success} for exit 0, otherwise reason {@code NonZeroExitCode} with a
 * cause of reason {@code ExitCode} holding the code, which is what fabric8's ExecWebSocketListener turns into
 * {@code exitCode()}. Output goes first, so the streams are complete when the exit code is known.
 */
final class ExecChannels {

  static final byte STDOUT = 1;
  static final byte STDERR = 2;
  static final byte ERROR = 3;

  private ExecChannels() {
  }

  static void finish(ServerWebSocket webSocket, ExecRequest request, AsyncResult<ExecResult> outcome) {
    ExecResult result = outcome.succeeded() ? outcome.result() : null;
    if (result == null) {
      Object cause = outcome.failed() ? outcome.cause() : "no ExecResult";
      send(webSocket, ERROR, failure("exec stand-in: the ExecHandler failed: " + cause).encode());
    } else {
      if (request.stdout() && !result.stdout().isEmpty()) {
        send(webSocket, STDOUT, result.stdout());
      }
      if (request.stderr() && !result.stderr().isEmpty()) {
        send(webSocket, STDERR, result.stderr());
      }
      send(webSocket, ERROR, exitStatus(result.exitCode(), request.command()).encode());
    }
    webSocket.close((short) 1000);
  }

  /** The Status the kubelet writes on the error channel when the process has exited. */
  static JsonObject exitStatus(int exitCode, List<String> command) {
    if (exitCode == 0) {
      return new JsonObject().put("metadata", new JsonObject()).put("status", "Success");
    }
    return failure("command terminated with non-zero exit code: error executing command ["
        + String.join(" ", command) + "], exit code " + exitCode)
        .put("reason", "NonZeroExitCode")
        .put("details", new JsonObject().put("causes", new JsonArray()
            .add(new JsonObject().put("reason", "ExitCode").put("message", String.valueOf(exitCode)))));
  }

  private static JsonObject failure(String message) {
    return new JsonObject().put("metadata", new JsonObject()).put("status", "Failure").put("message", message);
  }

  private static void send(ServerWebSocket webSocket, byte channel, String payload) {
    webSocket.writeBinaryMessage(Buffer.buffer().appendByte(channel)
        .appendBytes(payload.getBytes(StandardCharsets.UTF_8)));
  }
}
