package io.debugsession.operator.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

  @ParameterizedTest(name = "failure {0} waits {1} to {2}")
  @CsvSource({
      "1,    PT0.1S,  PT0.2S",
      "2,    PT0.2S,  PT0.4S",
      "3,    PT0.4S,  PT0.8S",
      "8,    PT12.8S, PT25.6S",
      "9,    PT15S,   PT30S",
      "1000, PT15S,   PT30S",
  })
  void waitDoublesWithEachFailureUpToTheMaximumWithHalfOfItRandom(int failures, Duration shortest,
      Duration longest) {
    assertThat(BACKOFF.delay(failures, 0.0)).isEqualTo(shortest);
    assertThat(BACKOFF.delay(failures, 0.999999999)).isBetween(shortest, longest);
    assertThat(BACKOFF.delay(failures, 0.5)).isEqualTo(shortest.plus(longest).dividedBy(2));
  }
}
