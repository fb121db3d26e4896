package io.debugsession.operator.lifecycle;

import io.debugsession.operator.config.OperatorConfig;
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

  public static Timing from(OperatorConfig config) {
    return new Timing(
        // The TTL of a new session comes from its policy (PolicyVerdict); this one only serves plan() without one,
        // which the operator uses for sessions already started, whose deadline is in their status.
        Duration.ofMinutes(15),
        config.stopGracePeriod(),
        config.deadlineSlack(),
        config.statusPollInterval(),
        config.pendingTimeout(),
        config.evictionRetryInterval(),
        config.evictionTimeout());
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
