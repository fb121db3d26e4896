package io.debugsession.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionTest {

  private static final String ENDED_AT = "2030-05-01T10:15:30.250Z";
  private static final Duration DAY = Duration.ofDays(1);

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Phase.class, names = {"Expired", "Ended", "Failed", "Denied"})
  void aFinishedSessionIsDueTheRetentionAfterItEnded(Phase phase) {
    DebugSessionStatus status = status(phase, ENDED_AT);

    Optional<Instant> deleteAt = Retention.deleteAt(status, DAY);

    assertThat(deleteAt).contains(Instant.parse("2030-05-02T10:15:30.250Z"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Phase.class, names = {"Pending", "AwaitingApproval", "Active"})
  void aSessionStillGoingIsNeverDue(Phase phase) {
    DebugSessionStatus status = status(phase, ENDED_AT);

    Optional<Instant> deleteAt = Retention.deleteAt(status, DAY);

    assertThat(deleteAt).isEmpty();
  }

  @Test
  void aSessionWithoutPhaseOrStatusIsNeverDue() {
    assertThat(Retention.deleteAt(status(null, ENDED_AT), DAY)).isEmpty();
    assertThat(Retention.deleteAt(null, DAY)).isEmpty();
  }

  @Test
  void zeroRetentionKeepsFinishedSessionsForever() {
    DebugSessionStatus status = status(Phase.Expired, ENDED_AT);

    Optional<Instant> deleteAt = Retention.deleteAt(status, Duration.ZERO);

    assertThat(deleteAt).isEmpty();
  }

  @Test
  void aNegativeRetentionKeepsFinishedSessionsForever() {
    DebugSessionStatus status = status(Phase.Expired, ENDED_AT);

    Optional<Instant> deleteAt = Retention.deleteAt(status, Duration.ofSeconds(-1));

    assertThat(deleteAt).isEmpty();
  }

  @Test
  void aFinishedSessionWithoutEndTimeIsKept() {
    DebugSessionStatus status = status(Phase.Ended, null);

    Optional<Instant> deleteAt = Retention.deleteAt(status, DAY);

    assertThat(deleteAt).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "yesterday", "2030-05-01", "2030-05-01 10:15:30Z", "2030-13-01T10:15:30Z"})
  void aFinishedSessionWithAnEndTimeThatIsNotRfc3339IsKept(String endedAt) {
    DebugSessionStatus status = status(Phase.Ended, endedAt);

    Optional<Instant> deleteAt = Retention.deleteAt(status, DAY);

    assertThat(deleteAt).isEmpty();
  }

  @Test
  void aShortRetentionCountsFromTheExactEndTime() {
    DebugSessionStatus status = status(Phase.Denied, "2030-05-01T10:15:30Z");

    Optional<Instant> deleteAt = Retention.deleteAt(status, Duration.ofSeconds(90));

    assertThat(deleteAt).contains(Instant.parse("2030-05-01T10:17:00Z"));
  }

  private static DebugSessionStatus status(Phase phase, String endedAt) {
    DebugSessionStatus status = new DebugSessionStatus();
    status.setPhase(phase);
    status.setEndedAt(endedAt);
    return status;
  }
}
