package io.debugsession.operator.audit.sink;

import java.time.Duration;

/**
 * Exponential backoff with "equal jitter": after the n-th failure in a row the wait is drawn uniformly from
 * [cap/2, cap], where cap = min(max, base * 2^(n-1)). Half the wait is random, so several operator replicas that lost
 * the receiver together do not return together; the other half keeps a retry from coming back at once.
 */
record Backoff(Duration base, Duration max) {

  /**
   * @param failures consecutive failures so far, at least 1
   * @param random uniform in [0, 1)
   */
  Duration delay(int failures, double random) {
    long maxNanos = max.toNanos();
    int doublings = Math.max(0, failures - 1);
    long cap = doublings >= 62 || base.toNanos() > maxNanos >> doublings ? maxNanos : base.toNanos() << doublings;
    long half = cap / 2;
    return Duration.ofNanos(half + (long) (random * (cap - half)));
  }
}
