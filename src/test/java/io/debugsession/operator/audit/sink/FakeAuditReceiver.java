package io.debugsession.operator.audit.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An audit receiver as the sink's contract describes it: it stores each batch it accepts, deduplicating by recordId,
 * and answers 200. It also keeps what a real one would not, for the tests: how often each record was offered and
 * accepted, and the last request. It can be down (nothing listens on its port) and told how to answer.
 */
public final class FakeAuditReceiver implements AutoCloseable {

  /** How to answer a batch: with which status, whether its records are stored first, with which Retry-After. */
  record Reply(int status, boolean stores, String retryAfter, String body) {

    static final Reply OK = new Reply(200, true, null, "");

    /** Stores the batch, then answers as if it had not: an acknowledgement lost on its way back. */
    static Reply storeThen(int status) {
      return new Reply(status, true, null, "");
    }

    static Reply refuse(int status, String body) {
      return new Reply(status, false, null, body);
    }

    Reply withRetryAfter(String value) {
      return new Reply(status, stores, value, body);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final Map<String, JsonNode> stored = new LinkedHashMap<>();
  private final Map<String, Integer> offered = new HashMap<>();
  private final Map<String, Integer> accepted = new HashMap<>();
  private final Deque<Reply> nextReplies = new ArrayDeque<>();
  private Function<List<String>, Reply> policy = ids -> Reply.OK;
  private Headers lastHeaders;
  private String lastBody;
  private HttpServer server;

  private FakeAuditReceiver(int port) {
    this.port = port;
  }

  /** A receiver that is down: connections to its port are refused until {@link #start()}. */
  public static FakeAuditReceiver down() throws IOException {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new FakeAuditReceiver(free.getLocalPort());
    }
  }

  public static FakeAuditReceiver up() throws IOException {
    FakeAuditReceiver receiver = down();
    receiver.start();
    return receiver;
  }

  public synchronized void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/audit", this::handle);
    server.start();
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/audit");
  }

  /** Answers the next requests with these replies, then goes back to the policy. */
  synchronized void replyNext(Reply... replies) {
    nextReplies.addAll(List.of(replies));
  }

  /** How to answer a batch, given its recordIds; {@link Reply#OK} unless set. */
  synchronized void replyWith(Function<List<String>, Reply> policy) {
    this.policy = policy;
  }

  /** The recordIds stored, each once, in the order first stored. */
  public synchronized List<String> storedIds() {
    return new ArrayList<>(stored.keySet());
  }

  /** The records stored, each once, as JSON lines in the order first stored. */
  public synchronized List<String> storedLines() {
    return stored.values().stream().map(envelope -> envelope.get("record").toString()).toList();
  }

  /** How many requests carried this record. */
  synchronized int timesOffered(String recordId) {
    return offered.getOrDefault(recordId, 0);
  }

  /** How many stored batches carried this record: more than 1 only when an acknowledgement was lost. */
  synchronized int timesAccepted(String recordId) {
    return accepted.getOrDefault(recordId, 0);
  }

  public synchronized List<String> acceptedMoreThanOnce() {
    return accepted.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
  }

  synchronized Headers lastHeaders() {
    return lastHeaders;
  }

  synchronized String lastBody() {
    return lastBody;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Reply reply = receive(exchange.getRequestHeaders(), body);
      if (reply.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
      }
      byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private synchronized Reply receive(Headers headers, String body) {
    lastHeaders = headers;
    lastBody = body;
    List<JsonNode> batch = new ArrayList<>();
    try {
      JSON.readTree(body).forEach(batch::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> ids = batch.stream().map(r -> r.get("recordId").asText()).toList();
    ids.forEach(id -> offered.merge(id, 1, Integer::sum));
    Reply reply = nextReplies.isEmpty() ? policy.apply(ids) : nextReplies.poll();
    if (reply.stores()) {
      for (JsonNode record : batch) {
        String id = record.get("recordId").asText();
        stored.putIfAbsent(id, record);
        accepted.merge(id, 1, Integer::sum);
      }
    }
    return reply;
  }
}
