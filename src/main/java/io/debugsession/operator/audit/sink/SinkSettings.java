package io.debugsession.operator.audit.sink;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How {@link HttpAuditSink} reaches the receiver and how patiently it retries.
 *
 * @param url where batches are POSTed (http or https)
 * @param bearerToken asked before every request, so a rotated token file is picked up; null or blank sends no
 *     {@code Authorization} header
 * @param batchSize most records per request
 * @param connectTimeout to establish a connection
 * @param requestTimeout from sending a request to the end of its response
 * @param backoffBase first wait after a failure; it doubles with each further failure, with jitter
 * @param backoffMax longest wait between retries of a failure
 * @param maxRetryAfter longest {@code Retry-After} the sink obeys; a longer one is cut to this
 * @param rejectedRetryInterval wait before offering a record the receiver rejected (4xx) once more
 */
public record SinkSettings(URI url, Supplier<String> bearerToken, int batchSize, Duration connectTimeout,
    Duration requestTimeout, Duration backoffBase, Duration backoffMax, Duration maxRetryAfter,
    Duration rejectedRetryInterval) {

  public SinkSettings {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("audit sink url " + url + " must be http or https");
    }
    bearerToken = bearerToken == null ? () -> null : bearerToken;
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    for (Duration d : new Duration[] {connectTimeout, requestTimeout, backoffBase, backoffMax, maxRetryAfter,
        rejectedRetryInterval}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations of the audit sink must be positive, got " + d);
      }
    }
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoffMax " + backoffMax + " is shorter than backoffBase " + backoffBase);
    }
  }

  /** Batches of 100, 5s to connect, 10s per request, backoff from 200ms to 30s, Retry-After up to 10m, 4xx every 5m. */
  public static SinkSettings defaults(URI url) {
    return new SinkSettings(url, null, 100, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(200),
        Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5));
  }

  public SinkSettings withBearerToken(Supplier<String> token) {
    return new SinkSettings(url, token, batchSize, connectTimeout, requestTimeout, backoffBase, backoffMax,
        maxRetryAfter, rejectedRetryInterval);
  }

  public SinkSettings withBatchSize(int size) {
    return new SinkSettings(url, bearerToken, size, connectTimeout, requestTimeout, backoffBase, backoffMax,
        maxRetryAfter, rejectedRetryInterval);
  }

  public SinkSettings withBackoff(Duration base, Duration max) {
    return new SinkSettings(url, bearerToken, batchSize, connectTimeout, requestTimeout, base, max, maxRetryAfter,
        rejectedRetryInterval);
  }

  public SinkSettings withRejectedRetryInterval(Duration interval) {
    return new SinkSettings(url, bearerToken, batchSize, connectTimeout, requestTimeout, backoffBase, backoffMax,
        maxRetryAfter, interval);
  }
}
