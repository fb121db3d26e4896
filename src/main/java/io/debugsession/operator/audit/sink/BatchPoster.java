package io.debugsession.operator.audit.sink;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

/** Sends one batch as one POST and says what came of it; never throws for a failed delivery. */
final class BatchPoster {

  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final SinkSettings settings;
  private final HttpClient client;

  BatchPoster(SinkSettings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder()
        // HTTP/2 where TLS negotiates it; over plain http no h2c upgrade request, which some proxies mishandle
        .version("https".equals(settings.url().getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  Delivery post(List<SpooledRecord> batch) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
        .timeout(settings.requestTimeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(SpoolLines.batchBody(batch)));
    String token = settings.bearerToken().get();
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.trim());
    }
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Delivery.unanswered("POST " + settings.url() + " failed: " + describe(e));
    }
    int status = response.statusCode();
    if (Delivery.outcomeOf(status) == Delivery.Outcome.DELIVERED) {
      return Delivery.delivered();
    }
    String body = response.body().strip();
    String problem = settings.url() + " answered HTTP " + status + " to " + describe(batch)
        + (body.isEmpty() ? "" : ": " + abbreviate(body));
    return Delivery.answered(status, problem, RetryAfter.parse(response.headers().firstValue("Retry-After")
        .orElse(null), Instant.now()).orElse(null));
  }

  private static String describe(List<SpooledRecord> batch) {
    String first = batch.get(0).recordId();
    return batch.size() == 1
        ? "record " + first
        : batch.size() + " records from " + first + " to " + batch.get(batch.size() - 1).recordId();
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_BODY_IN_MESSAGE ? oneLine : oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }
}
