package io.debugsession.operator.audit.sink;

import java.time.Duration;

/**
 * What one POST of a batch came to.
 *
 * @param outcome what the sink does next
 * @param problem for anything but {@link Outcome#DELIVERED}: what went wrong, for logs and status
 * @param retryAfter the receiver's {@code Retry-After}, or null
 */
record Delivery(Outcome outcome, String problem, Duration retryAfter) {

  enum Outcome {
    /** 2xx: the receiver stored every record of the batch; acknowledge it in the spool. */
    DELIVERED,
    /** No answer, 408, 429 or 5xx: try the same records again after a backoff or the Retry-After. */
    RETRY,
    /** Any other status: the receiver refuses these records; never dropped, offered again slowly. */
    REJECTED
  }

  static Delivery delivered() {
    return new Delivery(Outcome.DELIVERED, null, null);
  }

  static Delivery unanswered(String problem) {
    return new Delivery(Outcome.RETRY, problem, null);
  }

  static Delivery answered(int status, String problem, Duration retryAfter) {
    return new Delivery(outcomeOf(status), problem, retryAfter);
  }

  static Outcome outcomeOf(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.DELIVERED;
    }
    return status == 408 || status == 429 || status >= 500 ? Outcome.RETRY : Outcome.REJECTED;
  }
}
