package io.debugsession.operator.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");

  @Test
  void readsSeconds() {
    assertThat(RetryAfter.parse(" 120 ", NOW)).contains(Duration.ofMinutes(2));
  }

  @Test
  void readsAnHttpDate() {
    assertThat(RetryAfter.parse("Fri, 27 Nov 2026 08:00:45 GMT", NOW)).contains(Duration.ofSeconds(45));
  }

  @Test
  void pastDateMeansNoWait() {
    assertThat(RetryAfter.parse("Fri, 27 Nov 2026 07:59:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999999999999"})
  void ignoresWhatItCannotRead(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isEmpty();
  }
}
