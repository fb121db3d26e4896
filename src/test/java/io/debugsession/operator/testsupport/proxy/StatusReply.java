package io.debugsession.operator.testsupport.proxy;

import java.util.Objects;

/**
 * An answer the proxy gives instead of the server: an HTTP code with a metav1.Status body, and optionally the
 * {@code Retry-After} header kube-apiserver sends with a 429 (and clients such as fabric8 honour).
 *
 * @param retryAfterSeconds the {@code Retry-After} header value; 0 sends no header
 */
public record StatusReply(int code, String json, int retryAfterSeconds) {

  public StatusReply {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("Not an HTTP status code: " + code);
    }
    Objects.requireNonNull(json, "json");
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("Negative Retry-After: " + retryAfterSeconds);
    }
  }

  public StatusReply(int code, String json) {
    this(code, json, 0);
  }

  public StatusReply withRetryAfter(int seconds) {
    return new StatusReply(code, json, seconds);
  }
}
