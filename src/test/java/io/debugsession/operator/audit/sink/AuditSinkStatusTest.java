package io.debugsession.operator.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The words the operator puts in its condition, its denial and its log. */
class AuditSinkStatusTest {

  private static final Instant SUCCESS = Instant.parse("2026-11-27T08:00:00Z");

  @Test
  void fullSpoolIsAConditionThatExplainsWhySessionsAreDenied() {
    AuditSinkStatus status = new AuditSinkStatus(new SpoolUsage(1200, 67_000_000, 67_108_864, true), SUCCESS,
        "POST https://audit.example/records failed: ConnectException", SUCCESS.plusSeconds(60), 42, 10);

    assertThat(status.conditionMessage()).isEqualTo("The audit spool is full (67000000 of 67108864 bytes used, 1200"
        + " records not yet delivered; last delivery error: POST https://audit.example/records failed:"
        + " ConnectException): new debug sessions are denied with reason AuditUnavailable until the audit receiver"
        + " accepts records again");
    assertThat(status.denialMessage()).isEqualTo("The audit trail cannot record this session: the audit spool is"
        + " full with 1200 records the audit receiver has not accepted yet; try again when it has");
  }

  @Test
  void spoolWithRoomSaysSo() {
    AuditSinkStatus status = AuditSinkStatus.of(new SpoolUsage(3, 165, 67_108_864, false));

    assertThat(status.conditionMessage())
        .isEqualTo("The audit spool has room (165 of 67108864 bytes used, 3 records not yet delivered)");
  }
}
