package io.debugsession.plugin;

import io.debugsession.operator.lifecycle.Ttl;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as the sessions write them: 90s, 15m, 1h30m. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      return Ttl.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a duration like 90s, 15m or 1h30m");
    }
  }
}
