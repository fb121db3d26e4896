package io.debugsession.operator.policy;

import java.time.Duration;

/** A duration in the TTL syntax, for messages: 1h30m, 15m, 90s as 1m30s. */
final class DurationText {

  private DurationText() {}

  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    return (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "") + (seconds > 0 ? seconds + "s" : "");
  }
}
