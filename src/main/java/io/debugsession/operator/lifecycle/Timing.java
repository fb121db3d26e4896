package io.debugsession.operator.lifecycle;

import io.debugsession.operator.config.OperatorConfig;
import java.time.Duration;

/** The durations the lifecycle decisions depend on, as plain values so the decisions stay pure. */
public record Timing(
    Duration defaultTtl,
    Duration stopGracePeriod,
    Duration deadlineSlack,
    Duration statusPollInterval,
    Duration pendingTimeout) {

  public static Timing from(OperatorConfig config) {
    return new Timing(
        config.defaultTtl(),
        config.stopGracePeriod(),
        config.deadlineSlack(),
        config.statusPollInterval(),
        config.pendingTimeout());
  }

  /** When the operator's own stop starts if the container's wrapper has not ended it. */
  Duration operatorStopDelay() {
    return stopGracePeriod.plus(deadlineSlack);
  }
}
