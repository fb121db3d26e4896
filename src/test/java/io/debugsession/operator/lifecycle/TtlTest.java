package io.debugsession.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TtlTest {

  private static final Duration FALLBACK = Duration.ofMinutes(15);

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "90s,   PT1M30S",
      "15m,   PT15M",
      "1h30m, PT1H30M",
      "24h,   PT24H",
      "1h2m3s, PT1H2M3S",
  })
  void parsesDurationSyntax(String ttl, Duration expected) {
    Duration parsed = Ttl.parse(ttl);

    assertThat(parsed).isEqualTo(expected);
  }

  @ParameterizedTest(name = "\"{0}\" falls back to the default")
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void parseOrDefaultUsesFallbackWhenTtlIsMissing(String ttl) {
    Duration parsed = Ttl.parseOrDefault(ttl, FALLBACK);

    assertThat(parsed).isEqualTo(FALLBACK);
  }

  @Test
  void parseOrDefaultPrefersTheSessionsTtl() {
    Duration parsed = Ttl.parseOrDefault("5m", FALLBACK);

    assertThat(parsed).isEqualTo(Duration.ofMinutes(5));
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @ValueSource(strings = {"15", "abc", "15x", "m15", "1m1h"})
  void rejectsWhatIsNotADuration(String ttl) {
    assertThatThrownBy(() -> Ttl.parse(ttl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl \"" + ttl + "\" is not a duration like 90s, 15m or 1h30m");
  }

  @Test
  void parseOrDefaultStillRejectsAGarbledTtl() {
    assertThatThrownBy(() -> Ttl.parseOrDefault("abc", FALLBACK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ttl \"abc\" is not a duration like 90s, 15m or 1h30m");
  }
}
