package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.PfxOptions;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A stand-in for "some HTTPS upstream", only to test {@link FaultProxy} itself: records what reaches it and
 * answers with whatever the test's handler writes. Its certificate is self-signed by the JDK's keytool.
 */
final class TestUpstream implements AutoCloseable {

  static final String KEYSTORE_PASSWORD = "changeit";

  /** A request as the upstream received it. */
  record Received(String method, String uri, MultiMap headers, String body) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private TestUpstream(Path keystore, BiConsumer<HttpServerRequest, Buffer> handler) throws Exception {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(KEYSTORE_PASSWORD));
    server = vertx.createHttpServer(options).webSocketHandler(this::watch)
        .requestHandler(request -> request.body().onSuccess(body -> {
      received.add(new Received(request.method().name(), request.uri(),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString()));
      handler.accept(request, body);
    })).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * A WebSocket, as a watch is: {@value #REFUSED_WEBSOCKET} is refused with 410 Gone; any other path gets the
   * event {@code event-1} at once and every text message back as {@code echo:<message>}.
   */
  private void watch(ServerWebSocket webSocket) {
    received.add(new Received("GET", webSocket.uri(), MultiMap.caseInsensitiveMultiMap().addAll(webSocket.headers()),
        ""));
    if (webSocket.path().equals(REFUSED_WEBSOCKET)) {
      webSocket.reject(410);
      return;
    }
    webSocket.textMessageHandler(message -> webSocket.writeTextMessage("echo:" + message));
    webSocket.writeTextMessage("event-1");
  }

  static final String REFUSED_WEBSOCKET = "/api/v1/namespaces/ns/pods/gone";

  static TestUpstream start(Path keystore, BiConsumer<HttpServerRequest, Buffer> handler) throws Exception {
    return new TestUpstream(keystore, handler);
  }

  /** A PKCS12 keystore with a fresh self-signed certificate for 127.0.0.1. */
  static Path selfSignedKeystore(Path dir) throws Exception {
    Path keystore = dir.resolve("upstream.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "upstream", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0 || !Files.exists(keystore)) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return keystore;
  }

  URI uri() {
    return URI.create("https://127.0.0.1:" + server.actualPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
