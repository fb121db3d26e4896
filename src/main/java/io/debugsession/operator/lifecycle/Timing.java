package io.debugsession.operator.lifecycle;

import java.time.Duration;

/** The durations the lifecycle decisions depend on, as plain values so the decisions stay pure. */
public record Timing(
    Duration defaultTtl,
    Duration stopGracePeriod,
    Duration deadlineSlack,
    Duration statusPollInterval,
    Duration pendingTimeout,
    Duration evictionRetryInterval,
    Duration evictionTimeout) {

  static final Duration DEFAULT_EVICTION_RETRY_INTERVAL = Duration.ofSeconds(30);
  static final Duration DEFAULT_EVICTION_TIMEOUT = Duration.ofMinutes(5);
  /** The longest wait between two SIGKILLs to a debug container the kubelet still reports running. */
  static final Duration KILL_RETRY_CAP = Duration.ofMinutes(2);

  /** With the default eviction retry interval (30s) and timeout (5m). */
  public Timing(Duration defaultTtl, Duration stopGracePeriod, Duration deadlineSlack, Duration statusPollInterval,
      Duration pendingTimeout) {
    this(defaultTtl, stopGracePeriod, deadlineSlack, statusPollInterval, pendingTimeout,
        DEFAULT_EVICTION_RETRY_INTERVAL, DEFAULT_EVICTION_TIMEOUT);
  }

  /** The first look after a stop began: about when a kubelet reports a container that ended at once. */
  static final Duration STOP_FIRST_LOOK = Duration.ofSeconds(1);

  /**
   * While a stop is under way (the deadline passed, a signal sent), the wait before looking at the pod again, given
   * how long ago the stop began: 1 s, then as long again as has passed (1, 2, 4, 8 s...), never longer than the status
   * poll. A container that ends when it should is seen ended about a second later, not a poll later; one that does
   * not costs a few reads more per stop, and an Active session not being stopped costs nothing more.
   */
  public Duration stopLookAfter(Duration sinceStopBegan) {
    Duration wait = sinceStopBegan.compareTo(STOP_FIRST_LOOK) < 0 ? STOP_FIRST_LOOK : sinceStopBegan;
    return wait.compareTo(statusPollInterval) < 0 ? wait : statusPollInterval;
  }

  /** The wait after the {@code killsSent}-th SIGKILL before the next one, while the container still runs. */
  Duration killRetryDelay(int killsSent) {
    return StopBackoff.afterKill(killsSent, deadlineSlack, KILL_RETRY_CAP);
  }

  /** When the operator's own stop starts if the container's wrapper has not ended it. */
  Duration operatorStopDelay() {
    return stopGracePeriod.plus(deadlineSlack);
  }
}
