package io.debugsession.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The wait between two SIGKILLs to a debug container the kubelet still reports running. */
class StopBackoffTest {

  private static final Duration FIRST = Duration.ofSeconds(5);
  private static final Duration CAP = Duration.ofMinutes(2);

  @ParameterizedTest(name = "after KILL #{0}: {1}s")
  @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 120", "7, 120", "1000000, 120"})
  void doublesFromTheFirstWaitUpToTheCap(int killsSent, long seconds) {
    assertThat(StopBackoff.afterKill(killsSent, FIRST, CAP)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void aFirstWaitAboveTheCapIsCapped() {
    assertThat(StopBackoff.afterKill(1, Duration.ofMinutes(5), CAP)).isEqualTo(CAP);
  }

  @Test
  void noKillSentYetIsAMistake() {
    assertThatThrownBy(() -> StopBackoff.afterKill(0, FIRST, CAP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("killsSent must be at least 1, was 0");
  }
}
