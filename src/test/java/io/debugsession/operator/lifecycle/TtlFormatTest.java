package io.debugsession.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TtlFormatTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "PT0S,     0s",
      "PT90S,    1m30s",
      "PT15M,    15m",
      "PT1H,     1h",
      "PT1H30M,  1h30m",
      "PT25H1S,  25h1s",
  })
  void writesTheTtlSyntax(Duration duration, String text) {
    // Act
    String formatted = Ttl.format(duration);

    // Assert
    assertThat(formatted).isEqualTo(text);
  }
}
