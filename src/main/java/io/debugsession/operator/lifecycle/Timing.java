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

  /** The wait after the {@code killsSent}-th SIGKILL before the next one, while the container still runs. */
  Duration killRetryDelay(int killsSent) {
    return StopBackoff.afterKill(killsSent, deadlineSlack, KILL_RETRY_CAP);
  }

  /** When the operator's own stop starts if the container's wrapper has not ended it. */
  Duration operatorStopDelay() {
    return stopGracePeriod.plus(deadlineSlack);
  }
}
