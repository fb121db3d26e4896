package io.debugsession.operator.lifecycle;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the TTL syntax the CRD admits ({@code 90s}, {@code 15m}, {@code 1h30m}). */
public final class Ttl {

  private static final Pattern SYNTAX = Pattern.compile("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$");

  private Ttl() {}

  /** The session's TTL, or {@code fallback} when the spec has none. */
  public static Duration parseOrDefault(String ttl, Duration fallback) {
    return ttl == null || ttl.isBlank() ? fallback : parse(ttl);
  }

  public static Duration parse(String ttl) {
    Matcher m = SYNTAX.matcher(ttl == null ? "" : ttl.trim());
    if (ttl == null || ttl.isBlank() || !m.matches()) {
      throw new IllegalArgumentException("ttl \"" + ttl + "\" is not a duration like 90s, 15m or 1h30m");
    }
    return Duration.ofHours(part(m, 1)).plusMinutes(part(m, 2)).plusSeconds(part(m, 3));
  }

  /** The inverse of {@link #parse}, for messages and status: 5400s is "1h30m", 90s is "1m30s". */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    return (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "") + (seconds > 0 ? seconds + "s" : "");
  }

  private static long part(Matcher m, int group) {
    return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
  }
}
