package io.debugsession.operator.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.audit.sink.Delivery.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers are retried and which mean the receiver refuses the records. */
class DeliveryTest {

  @ParameterizedTest(name = "HTTP {0} is {1}")
  @CsvSource({
      "200, DELIVERED",
      "201, DELIVERED",
      "204, DELIVERED",
      "408, RETRY",
      "429, RETRY",
      "500, RETRY",
      "502, RETRY",
      "503, RETRY",
      "302, REJECTED",
      "400, REJECTED",
      "401, REJECTED",
      "403, REJECTED",
      "404, REJECTED",
      "409, REJECTED",
      "413, REJECTED",
  })
  void outcomeFollowsTheStatus(int status, Outcome outcome) {
    assertThat(Delivery.outcomeOf(status)).isEqualTo(outcome);
  }
}
