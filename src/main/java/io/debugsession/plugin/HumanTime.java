package io.debugsession.plugin;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Times as kubectl prints them: ages like {@code 5s}, {@code 3m20s}, {@code 2d4h}; deadlines relative to now. */
final class HumanTime {

  private HumanTime() {}

  /** kubectl's short duration: exact while small, coarser as it grows. */
  static String duration(Duration d) {
    long seconds = d.toSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + (seconds % 60) + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      return minutes % 60 == 0 ? hours + "h" : hours + "h" + (minutes % 60) + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + (hours % 24) + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    long days = hours / 24;
    return days % 365 == 0 || hours >= 24 * 365 * 8 ? days / 365 + "y" : days / 365 + "y" + (days % 365) + "d";
  }

  /** How long ago {@code timestamp} (RFC 3339) was; {@code <unknown>} when absent or unreadable. */
  static String age(String timestamp, Instant now) {
    Instant then = parse(timestamp);
    return then == null ? "<unknown>" : duration(Duration.between(then, now));
  }

  /** A deadline: {@code in 14m}, {@code 2m ago}, or {@code -} when there is none. */
  static String relative(String timestamp, Instant now) {
    Instant then = parse(timestamp);
    if (then == null) {
      return "-";
    }
    return then.isAfter(now) ? "in " + duration(Duration.between(now, then))
        : duration(Duration.between(then, now)) + " ago";
  }

  static Instant parse(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
