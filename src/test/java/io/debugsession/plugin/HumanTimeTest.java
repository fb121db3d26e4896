package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

  @Test
  void durationsReadAsKubectlPrintsAges() {
    assertThat(HumanTime.duration(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    assertThat(HumanTime.duration(Duration.ofSeconds(59))).isEqualTo("59s");
    assertThat(HumanTime.duration(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanTime.duration(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(HumanTime.duration(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(HumanTime.duration(Duration.ofMinutes(95))).isEqualTo("95m");
    assertThat(HumanTime.duration(Duration.ofMinutes(200))).isEqualTo("3h20m");
    assertThat(HumanTime.duration(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(HumanTime.duration(Duration.ofHours(52))).isEqualTo("2d4h");
    assertThat(HumanTime.duration(Duration.ofDays(40))).isEqualTo("40d");
  }

  @Test
  void deadlinesAreRelativeToNow() {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    assertThat(HumanTime.relative("2026-12-01T10:14:00Z", now)).isEqualTo("in 14m");
    assertThat(HumanTime.relative("2026-12-01T09:58:00Z", now)).isEqualTo("2m ago");
    assertThat(HumanTime.relative(null, now)).isEqualTo("-");
    assertThat(HumanTime.age("not a time", now)).isEqualTo("<unknown>");
  }
}
