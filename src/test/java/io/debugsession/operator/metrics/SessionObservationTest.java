package io.debugsession.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.metrics.SessionObservation.Denied;
import io.debugsession.operator.metrics.SessionObservation.Expired;
import io.debugsession.operator.metrics.SessionObservation.Injected;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionObservationTest {

  private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void anInjectionIsMeasuredFromTheSessionsCreationToItsStart() {
    AuditRecord injected = record(AuditEvent.INJECTED).times("2026-12-01T10:00:03.500Z", "2026-12-01T10:01:03Z", null)
        .build();

    Optional<SessionObservation> seen = SessionObservation.of(injected, Optional.of(CREATED));

    assertThat(seen).contains(new Injected(Optional.of(Duration.ofMillis(3500))));
  }

  @Test
  void anInjectionOfASessionNoLongerInTheCacheIsCountedWithoutALatency() {
    AuditRecord injected = record(AuditEvent.INJECTED).times("2026-12-01T10:00:03Z", "2026-12-01T10:01:03Z", null)
        .build();

    assertThat(SessionObservation.of(injected, Optional.empty())).contains(new Injected(Optional.empty()));
  }

  @Test
  void aDenialIsCountedByItsReason() {
    AuditRecord denied = record(AuditEvent.DENIED).endReason("ImageNotAllowed").build();

    assertThat(SessionObservation.of(denied, Optional.of(CREATED))).contains(new Denied("ImageNotAllowed"));
  }

  @Test
  void anApprovalThatTimedOutIsADenial() {
    AuditRecord timedOut = record(AuditEvent.APPROVAL_TIMED_OUT).endReason("ApprovalTimedOut").build();

    assertThat(SessionObservation.of(timedOut, Optional.empty())).contains(new Denied("ApprovalTimedOut"));
  }

  @Test
  void anExpiryIsMeasuredFromTheDeadlineToTheRecordedStop() {
    AuditRecord expired = record(AuditEvent.EXPIRED)
        .times("2026-12-01T10:00:03Z", "2026-12-01T10:01:03Z", "2026-12-01T10:01:19Z").build();

    assertThat(SessionObservation.of(expired, Optional.of(CREATED))).contains(new Expired(Duration.ofSeconds(16)));
  }

  @Test
  void anExpiryRecordedBeforeTheDeadlineIsNotLate() {
    AuditRecord expired = record(AuditEvent.EXPIRED)
        .times("2026-12-01T10:00:03Z", "2026-12-01T10:01:03Z", "2026-12-01T10:01:02Z").build();

    assertThat(SessionObservation.of(expired, Optional.empty())).contains(new Expired(Duration.ZERO));
  }

  @Test
  void otherRecordsTellTheseMetricsNothing() {
    for (AuditEvent event : new AuditEvent[] {AuditEvent.REQUESTED, AuditEvent.CONTAINER_RUNNING, AuditEvent.ENDED,
        AuditEvent.STOP_FAILED, AuditEvent.DELETED}) {
      assertThat(SessionObservation.of(record(event).build(), Optional.of(CREATED))).as(event.wireName()).isEmpty();
    }
  }

  private static io.debugsession.operator.audit.record.AuditRecordBuilder record(AuditEvent event) {
    return AuditRecord.builder(event).recordId("r-" + event.wireName()).time(CREATED.plusSeconds(90))
        .session("uid-1", "team-a", "debug-1");
  }
}
