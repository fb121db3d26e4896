package io.debugsession.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.EventReason;
import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.AuditRecordBuilder;
import io.debugsession.operator.status.SessionEvent;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Events an audit record leaves on the target pod, for kubectl describe pod. */
class PodNoticesTest {

  private static final String POD_UID = "a1b2c3d4-0000-4000-8000-000000000001";
  private static final String CONTAINER = "debugger-k7x2m";

  @Test
  void anInjectionSaysWhoAddedWhichDebugContainerNextToWhichContainerUntilWhen() {
    AuditRecord record = onPod(AuditEvent.INJECTED).build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).contains(SessionEvent.normal(EventReason.DebugContainerAdded, "DebugSession checkout-debug requested"
        + " by alice@example.com added debug container debugger-k7x2m (busybox:1.37, profile general) next to"
        + " container app; it expires at 2030-05-01T10:15:30Z"));
  }

  @Test
  void anInjectionWithoutRequesterLeavesTheRequesterOut() {
    AuditRecord record = onPod(AuditEvent.INJECTED).requester(null, null).build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).map(SessionEvent::message).contains("DebugSession checkout-debug added debug container"
        + " debugger-k7x2m (busybox:1.37, profile general) next to container app; it expires at"
        + " 2030-05-01T10:15:30Z");
  }

  @Test
  void anExpirySaysTheDebugContainerNoLongerRunsAndHowItEnded() {
    AuditRecord record = onPod(AuditEvent.EXPIRED).endReason("Expired").outcome("OperatorSignal").build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).contains(SessionEvent.normal(EventReason.DebugContainerStopped, "DebugSession checkout-debug ended"
        + " (Expired, OperatorSignal): debug container debugger-k7x2m no longer runs"));
  }

  @Test
  void anEndWithoutOutcomeNamesOnlyTheEndReason() {
    AuditRecord record = onPod(AuditEvent.ENDED).endReason("EndRequested").build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).contains(SessionEvent.normal(EventReason.DebugContainerStopped, "DebugSession checkout-debug ended"
        + " (EndRequested): debug container debugger-k7x2m no longer runs"));
  }

  @Test
  void aStopThatFailedIsAWarningWithTheRecordsMessage() {
    AuditRecord record = onPod(AuditEvent.STOP_FAILED).endReason("Expired").outcome("StopFailed")
        .message("still running after KILL").build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).contains(SessionEvent.warning(EventReason.DebugContainerStopFailed, "DebugSession checkout-debug could"
        + " not stop debug container debugger-k7x2m: still running after KILL"));
  }

  @Test
  void anEvictionSaysWhyThePodWasEvicted() {
    AuditRecord record = onPod(AuditEvent.EVICTED).outcome("Evicted").build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).contains(SessionEvent.normal(EventReason.EvictedAfterDebugSession, "DebugSession checkout-debug evicted"
        + " this pod at expiry (StopAndEvict policy), so that its controller replaces it without the debug"
        + " container"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = AuditEvent.class, names = {"INJECTED", "EXPIRED", "ENDED", "STOP_FAILED", "EVICTED"},
      mode = EnumSource.Mode.EXCLUDE)
  void otherEventsLeaveNoNoticeOnThePod(AuditEvent event) {
    AuditRecord record = onPod(event).build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = AuditEvent.class, names = {"INJECTED", "EXPIRED", "ENDED", "STOP_FAILED", "EVICTED"})
  void noNoticeWithoutThePodsUid(AuditEvent event) {
    AuditRecord record = onPod(event).target("checkout-7d9f", null, "app").build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = AuditEvent.class, names = {"INJECTED", "EXPIRED", "ENDED", "STOP_FAILED", "EVICTED"})
  void noNoticeWithoutTheDebugContainersName(AuditEvent event) {
    AuditRecord record = onPod(event).debugContainer(null, "busybox:1.37", null).build();

    Optional<SessionEvent> notice = PodNotices.about(record);

    assertThat(notice).isEmpty();
  }

  @Test
  void noNoticeWithoutTargetOrDebugContainer() {
    AuditRecord noTarget = AuditRecord.builder(AuditEvent.ENDED).recordId("r-1")
        .time(Instant.parse("2030-05-01T10:15:31Z")).session("uid-1", "shop", "checkout-debug")
        .debugContainer(CONTAINER, "busybox:1.37", null).build();
    AuditRecord noContainer = AuditRecord.builder(AuditEvent.ENDED).recordId("r-2")
        .time(Instant.parse("2030-05-01T10:15:31Z")).session("uid-1", "shop", "checkout-debug")
        .target("checkout-7d9f", POD_UID, "app").build();

    assertThat(PodNotices.about(noTarget)).isEmpty();
    assertThat(PodNotices.about(noContainer)).isEmpty();
  }

  /** A record about a session whose debug container is known on a known pod. */
  private static AuditRecordBuilder onPod(AuditEvent event) {
    return AuditRecord.builder(event)
        .recordId("r-" + event.wireName())
        .time(Instant.parse("2030-05-01T10:15:31.250Z"))
        .session("5f0c2f8e-2b1d-4c39-9a57-0d4f3c1e9b10", "shop", "checkout-debug")
        .requester("alice@example.com", true)
        .target("checkout-7d9f", POD_UID, "app")
        .debugContainer(CONTAINER, "busybox:1.37", null)
        .profile("general")
        .times("2030-05-01T10:00:30Z", "2030-05-01T10:15:30Z", null)
        .operatorVersion("0.1.0");
  }
}
