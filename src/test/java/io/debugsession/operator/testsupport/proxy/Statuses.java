package io.debugsession.operator.testsupport.proxy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The metav1.Status answers kube-apiserver gives for the failures a real server cannot be made to produce on
 * demand, with the codes, reasons and message texts of k8s.io/apimachinery's {@code errors.New*} functions, so
 * that the client code under test sorts them exactly as it would sort the real ones.
 */
public final class Statuses {

  private Statuses() {
  }

  /**
   * The optimistic-concurrency conflict of an update on a stale resourceVersion.
   *
   * @param resource the plural resource, qualified by its group when it has one ({@code pods},
   *     {@code debugsessions.debug.example.io}); kube-apiserver puts it in {@code details.kind} and {@code group}
   */
  public static StatusReply conflict(String resource, String name) {
    int dot = resource.indexOf('.');
    JsonObject details = new JsonObject().put("name", name);
    if (dot > 0) {
      details.put("group", resource.substring(dot + 1));
    }
    details.put("kind", dot > 0 ? resource.substring(0, dot) : resource);
    return status(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name
        + "\": the object has been modified; please apply your changes to the latest version and try again", details);
  }

  /** A 500, as {@code errors.NewInternalError}: the cause in the message and in {@code details.causes}. */
  public static StatusReply serverError(String message) {
    JsonObject details = new JsonObject().put("causes", new JsonArray().add(new JsonObject().put("message", message)));
    return status(500, "InternalError", "Internal error occurred: " + message, details);
  }

  /** A 429 of API priority and fairness, with {@code Retry-After: 1} in the details and as a header. */
  public static StatusReply tooManyRequests(String message) {
    return status(429, "TooManyRequests", message, new JsonObject().put("retryAfterSeconds", 1)).withRetryAfter(1);
  }

  /** The 504 of kube-apiserver's request timeout filter. */
  public static StatusReply timeout() {
    return timeout("request did not complete within requested timeout - context deadline exceeded");
  }

  /** A 504 as {@code errors.NewTimeoutError}: the message is prefixed with {@code Timeout: }. */
  public static StatusReply timeout(String message) {
    return status(504, "Timeout", "Timeout: " + message, null);
  }

  /** Any Failure Status; {@code details} may be null. */
  public static StatusReply status(int code, String reason, String message, JsonObject details) {
    JsonObject status = new JsonObject()
        .put("kind", "Status")
        .put("apiVersion", "v1")
        .put("metadata", new JsonObject())
        .put("status", "Failure")
        .put("message", message)
        .put("reason", reason);
    if (details != null) {
      status.put("details", details);
    }
    status.put("code", code);
    return new StatusReply(code, status.encode());
  }

  static StatusReply lostResponse() {
    return timeout("the response was lost");
  }

  static StatusReply upstreamUnreachable(Throwable cause) {
    return status(502, "ServiceUnavailable", "fault proxy: the upstream API server did not answer: " + cause, null);
  }
}
