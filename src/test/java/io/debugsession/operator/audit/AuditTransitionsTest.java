package io.debugsession.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.lifecycle.Conditions;
import io.debugsession.operator.lifecycle.StopOutcome;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which audit events a status change calls for, and the records made of them. The statuses are built the way
 * StatusTransitions builds them: conditions through {@link Conditions#set}, with the production reasons.
 */
class AuditTransitionsTest {

  private static final String SESSION_UID = "5f0c2f8e-2b1d-4c39-9a57-0d4f3c1e9b10";
  private static final String OTHER_UID = "9b3e1d7a-4c2f-4e8b-a1d6-3f5c7e9a0b21";
  private static final Instant NOW = Instant.parse("2030-05-01T10:15:31.250Z");
  private static final Instant EARLIER = Instant.parse("2030-05-01T10:00:30Z");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  // --- between: one event at a time

  @Test
  void aSessionNeverSeenIsRequested() {
    DebugSessionStatus after = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(null, after);

    assertThat(events).containsExactly(AuditEvent.REQUESTED);
  }

  @Test
  void aStatusWithoutPhaseCountsAsNeverSeen() {
    DebugSessionStatus before = new DebugSessionStatus();

    List<AuditEvent> events = AuditTransitions.between(before, status(Phase.Pending));

    assertThat(events).containsExactly(AuditEvent.REQUESTED);
  }

  @Test
  void aSessionSeenBeforeIsNotRequestedAgain() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Waiting")));

    assertThat(events).isEmpty();
  }

  @Test
  void enteringAwaitingApprovalIsRecorded() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, AuditTransitionsTest::awaitApproval));

    assertThat(events).containsExactly(AuditEvent.AWAITING_APPROVAL);
  }

  @Test
  void stayingInAwaitingApprovalIsNotRecordedAgain() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::awaitApproval);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Still waiting")));

    assertThat(events).isEmpty();
  }

  @Test
  void anApprovalIsRecordedWhenApprovedAtIsFirstSet() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::awaitApproval);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, AuditTransitionsTest::approve));

    assertThat(events).containsExactly(AuditEvent.APPROVED);
  }

  @Test
  void anApprovalAlreadyRecordedIsNotRecordedAgain() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::approve);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Looking for pod")));

    assertThat(events).isEmpty();
  }

  @Test
  void aDenialIsRecorded() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> deny(s, "PolicyDenied")));

    assertThat(events).containsExactly(AuditEvent.DENIED);
  }

  @Test
  void aDenialBecauseNoApprovalCameIsRecordedAsApprovalTimedOut() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::awaitApproval);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> deny(s, "ApprovalTimedOut")));

    assertThat(events).containsExactly(AuditEvent.APPROVAL_TIMED_OUT);
  }

  @Test
  void aDeniedSessionIsNotDeniedAgainNorEnded() {
    DebugSessionStatus before = then(status(Phase.Pending), s -> deny(s, "PolicyDenied"));

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Denied: again")));

    assertThat(events).isEmpty();
  }

  @Test
  void anInjectionIsRecordedWhenStartedAtIsFirstSetWithAContainerName() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, AuditTransitionsTest::inject));

    assertThat(events).containsExactly(AuditEvent.INJECTED);
  }

  @Test
  void startedAtWithoutAContainerNameIsNoInjection() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> {
      inject(s);
      s.setContainerName(null);
    }));

    assertThat(events).isEmpty();
  }

  @Test
  void anInjectionAlreadyRecordedIsNotRecordedAgain() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::inject);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Still active")));

    assertThat(events).isEmpty();
  }

  @Test
  void theContainerRunningIsRecordedWhenItsConditionBecomesTrue() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::inject);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> running(s, true)));

    assertThat(events).containsExactly(AuditEvent.CONTAINER_RUNNING);
  }

  @Test
  void aContainerStillRunningIsNotRecordedAgain() {
    DebugSessionStatus before = then(status(Phase.Pending), s -> {
      inject(s);
      running(s, true);
    });

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Still running")));

    assertThat(events).isEmpty();
  }

  @Test
  void aContainerNotRunningIsNotRecorded() {
    DebugSessionStatus before = then(status(Phase.Pending), AuditTransitionsTest::inject);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> running(s, false)));

    assertThat(events).isEmpty();
  }

  @Test
  void anExpiryIsRecorded() {
    DebugSessionStatus before = activeAndRunning();

    List<AuditEvent> events = AuditTransitions.between(before,
        then(before, s -> finish(s, Phase.Expired, "Expired", StopOutcome.OperatorSignal)));

    assertThat(events).containsExactly(AuditEvent.EXPIRED);
  }

  @Test
  void anEndIsRecorded() {
    DebugSessionStatus before = activeAndRunning();

    List<AuditEvent> events = AuditTransitions.between(before,
        then(before, s -> finish(s, Phase.Ended, "EndRequested", StopOutcome.OperatorSignal)));

    assertThat(events).containsExactly(AuditEvent.ENDED);
  }

  @Test
  void anEndRequestIsRecordedWithWhoAskedAndThenTheEnd() {
    DebugSessionStatus before = activeAndRunning();
    DebugSessionStatus asked = then(before, s -> {
      s.setEndedBy("bob");
      s.setEndedByVerified(true);
    });

    List<AuditEvent> events = AuditTransitions.between(before, asked);
    List<AuditEvent> ended = AuditTransitions.between(asked,
        then(asked, s -> finish(s, Phase.Ended, "EndRequested", StopOutcome.OperatorSignal)));
    List<AuditEvent> atOnce = AuditTransitions.between(before,
        then(asked, s -> finish(s, Phase.Ended, "EndRequested", StopOutcome.OperatorSignal)));
    AuditRecord record = AuditTransitions.record(AuditEvent.END_REQUESTED, session(SESSION_UID, asked), NOW, "0.1.0");

    assertThat(events).containsExactly(AuditEvent.END_REQUESTED);
    assertThat(ended).containsExactly(AuditEvent.ENDED);
    assertThat(atOnce).containsExactly(AuditEvent.END_REQUESTED, AuditEvent.ENDED);
    assertThat(record.endedBy()).isEqualTo("bob");
    assertThat(record.endedByVerified()).isTrue();
    assertThat(AuditJson.toLine(record)).contains("\"endedBy\":\"bob\",\"endedByVerified\":true");
  }

  @Test
  void aFailureIsRecordedAsEnded() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> fail(s, "InjectionRejected")));

    assertThat(events).containsExactly(AuditEvent.ENDED);
  }

  @Test
  void aFailingStopIsRecordedAsStopFailedWhileTheSessionStaysActive() {
    DebugSessionStatus before = activeAndRunning();

    List<AuditEvent> events = AuditTransitions.between(before, then(before, AuditTransitionsTest::stopFailing));

    assertThat(events).containsExactly(AuditEvent.STOP_FAILED);
  }

  @Test
  void theEndOfAFailingStopIsItsOwnRecord() {
    DebugSessionStatus failing = then(activeAndRunning(), AuditTransitionsTest::stopFailing);

    List<AuditEvent> events = AuditTransitions.between(failing,
        then(failing, s -> finish(s, Phase.Expired, "Expired", StopOutcome.PodEvicted)));

    assertThat(events).containsExactly(AuditEvent.EXPIRED);
    assertThat(AuditTransitions.recordId(SESSION_UID, AuditEvent.STOP_FAILED))
        .isNotEqualTo(AuditTransitions.recordId(SESSION_UID, AuditEvent.EXPIRED));
  }

  @Test
  void aSessionAlreadyFinishedIsNotFinishedAgain() {
    DebugSessionStatus before = then(activeAndRunning(),
        s -> finish(s, Phase.Expired, "Expired", StopOutcome.DeadlineWrapper));

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Expired, really")));

    assertThat(events).isEmpty();
  }

  @Test
  void anEvictionIsRecordedWhenItsConditionSaysEvicted() {
    DebugSessionStatus before = activeAndRunning();

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> evicted(s, true, "Evicted")));

    assertThat(events).containsExactly(AuditEvent.EVICTED);
  }

  @Test
  void anEvictionThatTimedOutIsRecordedAsEvictionFailed() {
    DebugSessionStatus before = then(activeAndRunning(), s -> evicted(s, false, "Blocked"));

    List<AuditEvent> events = AuditTransitions.between(before,
        then(before, s -> evicted(s, false, "EvictionTimedOut")));

    assertThat(events).containsExactly(AuditEvent.EVICTION_FAILED);
  }

  @Test
  void aBlockedEvictionIsNotRecorded() {
    DebugSessionStatus before = activeAndRunning();

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> evicted(s, false, "Blocked")));

    assertThat(events).isEmpty();
  }

  @Test
  void anEvictionAlreadyRecordedIsNotRecordedAgain() {
    DebugSessionStatus before = then(activeAndRunning(), s -> evicted(s, true, "Evicted"));

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> s.setMessage("Evicted, still")));

    assertThat(events).isEmpty();
  }

  // --- between: several in one pass, and none

  @Test
  void aFirstPassThatIsApprovedAndInjectsRecordsRequestedApprovedInjectedInThatOrder() {
    DebugSessionStatus after = then(status(Phase.Pending), s -> {
      approve(s);
      inject(s);
    });

    List<AuditEvent> events = AuditTransitions.between(null, after);

    assertThat(events).containsExactly(AuditEvent.REQUESTED, AuditEvent.APPROVED, AuditEvent.INJECTED);
  }

  @Test
  void anInjectionWhoseContainerIsAlreadyRunningRecordsInjectedThenContainerRunning() {
    DebugSessionStatus before = status(Phase.Pending);

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> {
      inject(s);
      running(s, true);
    }));

    assertThat(events).containsExactly(AuditEvent.INJECTED, AuditEvent.CONTAINER_RUNNING);
  }

  @Test
  void anExpiryThatEvictsRecordsExpiredThenEvicted() {
    DebugSessionStatus before = activeAndRunning();

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> {
      evicted(s, true, "Evicted");
      finish(s, Phase.Expired, "Expired", StopOutcome.OperatorSignal);
    }));

    assertThat(events).containsExactly(AuditEvent.EXPIRED, AuditEvent.EVICTED);
  }

  @Test
  void anExpiryWhoseEvictionGaveUpRecordsExpiredThenEvictionFailed() {
    DebugSessionStatus before = then(activeAndRunning(), s -> evicted(s, false, "Blocked"));

    List<AuditEvent> events = AuditTransitions.between(before, then(before, s -> {
      evicted(s, false, "EvictionTimedOut");
      finish(s, Phase.Expired, "Expired", StopOutcome.OperatorSignal);
    }));

    assertThat(events).containsExactly(AuditEvent.EXPIRED, AuditEvent.EVICTION_FAILED);
  }

  /** The DebugContainerRunning condition is False again at the end, so only the status' lasting marks count. */
  @Test
  void aWholeLifeSeenInOnePassRecordsWhatTheFinalStatusShowsInOrder() {
    DebugSessionStatus after = then(status(Phase.Pending), s -> {
      approve(s);
      inject(s);
      running(s, true);
      evicted(s, true, "Evicted");
      finish(s, Phase.Expired, "Expired", StopOutcome.OperatorSignal);
    });

    List<AuditEvent> events = AuditTransitions.between(null, after);

    assertThat(events).containsExactly(AuditEvent.REQUESTED, AuditEvent.APPROVED, AuditEvent.INJECTED,
        AuditEvent.EXPIRED, AuditEvent.EVICTED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void theSameStatusTwiceRecordsNothing(DebugSessionStatus status) {
    DebugSessionStatus same = then(status, s -> { });

    List<AuditEvent> events = AuditTransitions.between(status, same);

    assertThat(events).isEmpty();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(Named.of("Pending", status(Phase.Pending))),
        Arguments.of(Named.of("AwaitingApproval", then(status(Phase.Pending), AuditTransitionsTest::awaitApproval))),
        Arguments.of(Named.of("approved", then(status(Phase.Pending), AuditTransitionsTest::approve))),
        Arguments.of(Named.of("Denied", then(status(Phase.Pending), s -> deny(s, "PolicyDenied")))),
        Arguments.of(Named.of("approval timed out",
            then(status(Phase.Pending), s -> deny(s, "ApprovalTimedOut")))),
        Arguments.of(Named.of("Active and running", activeAndRunning())),
        Arguments.of(Named.of("Expired and evicted", then(activeAndRunning(), s -> {
          evicted(s, true, "Evicted");
          finish(s, Phase.Expired, "Expired", StopOutcome.OperatorSignal);
        }))),
        Arguments.of(Named.of("stop failing", then(activeAndRunning(), AuditTransitionsTest::stopFailing))),
        Arguments.of(Named.of("Failed", then(status(Phase.Pending), s -> fail(s, "InjectionRejected")))));
  }

  // --- record

  @Test
  void theSameSessionAndEventGiveTheSameRecordIdWhenever() {
    DebugSession session = session(SESSION_UID, activeAndRunning());

    AuditRecord first = AuditTransitions.record(AuditEvent.INJECTED, session, EARLIER, "0.1.0");
    AuditRecord again = AuditTransitions.record(AuditEvent.INJECTED, session, NOW, "0.2.0");

    assertThat(first.recordId()).isEqualTo(again.recordId())
        .isEqualTo(AuditTransitions.recordId(SESSION_UID, AuditEvent.INJECTED));
  }

  @Test
  void theRecordIdIsANameBasedUuidOfTheSessionUidAndTheEventsWireName() {
    // MD5 of "debugsession.io/audit/<uid>/<wire name>" as a version 3 UUID, computed outside Java and pinned:
    // replicas and versions of the operator must agree on it.
    assertThat(AuditTransitions.recordId(SESSION_UID, AuditEvent.INJECTED))
        .isEqualTo("c950b6fb-1ddf-354a-b452-bed4c120a509");
    assertThat(AuditTransitions.recordId(SESSION_UID, AuditEvent.REQUESTED))
        .isEqualTo("fa706155-5246-3887-8c74-22c74d5808dd");
  }

  @Test
  void everyFactOfOneSessionHasItsOwnRecordIdAndTheWaysToEndOrBeEvictedShareOne() {
    Map<String, List<String>> eventsById = Arrays.stream(AuditEvent.values())
        .collect(Collectors.groupingBy(event -> AuditTransitions.recordId(SESSION_UID, event), TreeMap::new,
            Collectors.mapping(AuditEvent::wireName, Collectors.toList())));

    assertThat(eventsById.values()).containsExactlyInAnyOrder(
        List.of("requested"), List.of("awaiting-approval"), List.of("approved"), List.of("injected"),
        List.of("container-running"), List.of("end-requested"), List.of("deleted"), List.of("retention-deleted"),
        List.of("denied", "approval-timed-out", "ended", "expired"), List.of("stop-failed"),
        List.of("evicted", "eviction-failed"));
  }

  @Test
  void theSameEventOfAnotherSessionHasAnotherRecordId() {
    String mine = AuditTransitions.recordId(SESSION_UID, AuditEvent.EXPIRED);

    String theirs = AuditTransitions.recordId(OTHER_UID, AuditEvent.EXPIRED);

    assertThat(theirs).isNotEqualTo(mine);
  }

  @Test
  void aRecordIsAboutTheSessionAtTheTimeGivenAndUnchained() {
    DebugSession session = session(SESSION_UID, activeAndRunning());

    AuditRecord record = AuditTransitions.record(AuditEvent.INJECTED, session, NOW, "0.1.0");

    assertThat(record.event()).isEqualTo(AuditEvent.INJECTED);
    assertThat(record.time()).isEqualTo("2030-05-01T10:15:31.250Z");
    assertThat(record.session()).isEqualTo(new AuditRecord.Session(SESSION_UID, "shop", "checkout-debug"));
    assertThat(record.debugContainer()).isEqualTo(
        new AuditRecord.DebugContainer("debugger-k7x2m", "busybox:1.37", null));
    assertThat(record.operatorVersion()).isEqualTo("0.1.0");
    assertThat(record.isChained()).isFalse();
  }

  @Test
  void aRecordCarriesTheStatusMessage() {
    DebugSessionStatus status = then(activeAndRunning(),
        s -> finish(s, Phase.Expired, "Expired", StopOutcome.OperatorSignal));
    status.setMessage("TTL reached: debug container debugger-k7x2m stopped by the operator");

    AuditRecord record = AuditTransitions.record(AuditEvent.EXPIRED, session(SESSION_UID, status), NOW, "0.1.0");

    assertThat(record.message()).isEqualTo("TTL reached: debug container debugger-k7x2m stopped by the operator");
  }

  @Test
  void aRecordOfASessionWithoutStatusHasNeitherMessageNorOutcome() {
    AuditRecord record = AuditTransitions.record(AuditEvent.REQUESTED, session(SESSION_UID, null), NOW, "0.1.0");

    assertThat(record.message()).isNull();
    assertThat(record.outcome()).isNull();
    assertThat(record.recordId()).isEqualTo(AuditTransitions.recordId(SESSION_UID, AuditEvent.REQUESTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void theOutcomeSaysHowTheEventTurnedOut(AuditEvent event, DebugSessionStatus status, String outcome) {
    DebugSession session = session(SESSION_UID, status);

    AuditRecord record = AuditTransitions.record(event, session, NOW, "0.1.0");

    assertThat(record.outcome()).isEqualTo(outcome);
  }

  static Stream<Arguments> outcomes() {
    DebugSessionStatus expired = then(activeAndRunning(),
        s -> finish(s, Phase.Expired, "Expired", StopOutcome.DeadlineWrapper));
    return Stream.of(
        Arguments.of(AuditEvent.REQUESTED, status(Phase.Pending), null),
        Arguments.of(AuditEvent.AWAITING_APPROVAL, then(status(Phase.Pending), AuditTransitionsTest::awaitApproval),
            null),
        Arguments.of(AuditEvent.APPROVED, then(status(Phase.Pending), AuditTransitionsTest::approve), "Approved"),
        Arguments.of(AuditEvent.DENIED, then(status(Phase.Pending), s -> deny(s, "PolicyDenied")), "PolicyDenied"),
        Arguments.of(AuditEvent.APPROVAL_TIMED_OUT, then(status(Phase.Pending), s -> deny(s, "ApprovalTimedOut")),
            "ApprovalTimedOut"),
        Arguments.of(AuditEvent.INJECTED, then(status(Phase.Pending), AuditTransitionsTest::inject), "Added"),
        Arguments.of(AuditEvent.CONTAINER_RUNNING, activeAndRunning(), null),
        Arguments.of(AuditEvent.EXPIRED, expired, "DeadlineWrapper"),
        Arguments.of(AuditEvent.ENDED,
            then(activeAndRunning(), s -> finish(s, Phase.Ended, "EndRequested", StopOutcome.OperatorSignal)),
            "OperatorSignal"),
        Arguments.of(AuditEvent.ENDED, then(status(Phase.Pending), s -> fail(s, "InjectionRejected")),
            "InjectionRejected"),
        Arguments.of(AuditEvent.STOP_FAILED,
            then(activeAndRunning(), AuditTransitionsTest::stopFailing), "StopFailed"),
        Arguments.of(AuditEvent.EVICTED, then(expired, s -> evicted(s, true, "Evicted")), "Evicted"),
        Arguments.of(AuditEvent.EVICTION_FAILED, then(expired, s -> evicted(s, false, "EvictionTimedOut")),
            "EvictionTimedOut"),
        Arguments.of(AuditEvent.DELETED, expired, "DeadlineWrapper"),
        Arguments.of(AuditEvent.RETENTION_DELETED, expired, null));
  }

  // --- statuses as StatusTransitions writes them

  private static DebugSessionStatus status(Phase phase) {
    DebugSessionStatus status = new DebugSessionStatus();
    status.setPhase(phase);
    status.setRequester("alice@example.com");
    status.setMessage("Looking for pod checkout-7d9f");
    return status;
  }

  private static DebugSessionStatus activeAndRunning() {
    return then(status(Phase.Pending), s -> {
      inject(s);
      running(s, true);
    });
  }

  /** A copy of {@code before} with {@code change} applied: the next status of the same session. */
  private static DebugSessionStatus then(DebugSessionStatus before, Consumer<DebugSessionStatus> change) {
    DebugSessionStatus next = SERIALIZATION.clone(before);
    change.accept(next);
    return next;
  }

  private static void awaitApproval(DebugSessionStatus s) {
    s.setPhase(Phase.AwaitingApproval);
    s.setApprovalExpiresAt("2030-05-01T11:00:30Z");
    s.setMessage("Waiting for approval by an approver of prod-debugging");
    condition(s, Conditions.APPROVED, false, "AwaitingApproval");
  }

  private static void approve(DebugSessionStatus s) {
    s.setPhase(Phase.Pending);
    s.setApprover("bob@example.com");
    s.setApprovedAt(EARLIER.toString());
    condition(s, Conditions.APPROVED, true, "Approved");
  }

  private static void deny(DebugSessionStatus s, String reason) {
    s.setPhase(Phase.Denied);
    s.setEndReason(reason);
    s.setEndedAt(EARLIER.toString());
    s.setMessage("Denied: " + reason);
    condition(s, Conditions.INJECTED, false, reason);
  }

  private static void fail(DebugSessionStatus s, String reason) {
    s.setPhase(Phase.Failed);
    s.setEndReason(reason);
    s.setEndedAt(EARLIER.toString());
    s.setMessage("Failed: " + reason);
    condition(s, Conditions.INJECTED, false, reason);
  }

  private static void inject(DebugSessionStatus s) {
    s.setPhase(Phase.Active);
    s.setPodName("checkout-7d9f");
    s.setPodUID("a1b2c3d4-0000-4000-8000-000000000001");
    s.setTargetContainer("app");
    s.setContainerName("debugger-k7x2m");
    s.setStartedAt(EARLIER.toString());
    s.setExpiresAt("2030-05-01T10:15:30Z");
    s.setMessage("Added debug container debugger-k7x2m to pod checkout-7d9f");
    condition(s, Conditions.INJECTED, true, "Added");
  }

  private static void running(DebugSessionStatus s, boolean running) {
    condition(s, Conditions.DEBUG_CONTAINER_RUNNING, running, running ? "Running" : "ContainerCreating");
  }

  private static void evicted(DebugSessionStatus s, boolean evicted, String reason) {
    condition(s, Conditions.EVICTED, evicted, reason);
  }

  /** What StatusTransitions.finish writes. */
  private static void finish(DebugSessionStatus s, Phase phase, String endReason, StopOutcome outcome) {
    s.setPhase(phase);
    s.setEndReason(endReason);
    s.setEndedAt(NOW.toString());
    s.setMessage(phase + ": " + outcome);
    condition(s, Conditions.DEBUG_CONTAINER_RUNNING, false, outcome.name());
    condition(s, Conditions.STOPPED, true, outcome.name());
  }

  private static void stopFailing(DebugSessionStatus s) {
    s.setMessage("still running after SIGKILL");
    condition(s, Conditions.STOPPED, false, StopOutcome.StopFailed.name());
    condition(s, Conditions.STOP_FAILING, true, "StillRunningAfterKill");
  }

  private static void condition(DebugSessionStatus s, String type, boolean value, String reason) {
    Conditions.set(s.getConditions(), type, value, reason, type + " is " + reason, 1L, EARLIER);
  }

  private static DebugSession session(String uid, DebugSessionStatus status) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("checkout-7d9f", "app"));
    spec.setImage("busybox:1.37");
    spec.setReason("INC-4711 checkout latency");
    spec.setRequester("alice@example.com");
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder()
        .withName("checkout-debug").withNamespace("shop").withUid(uid).withGeneration(1L).build());
    session.setSpec(spec);
    session.setStatus(status);
    return session;
  }
}
