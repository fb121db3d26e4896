package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.status.Milestone;
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
 * The records made of the milestones a pass reached and of the events about a session as it is (its deletion), and
 * their deterministic ids. Which milestones a pass reaches is MilestonesTest's (in lifecycle).
 */
class AuditTransitionsTest {

  private static final String SESSION_UID = "5f0c2f8e-2b1d-4c39-9a57-0d4f3c1e9b10";
  private static final String OTHER_UID = "9b3e1d7a-4c2f-4e8b-a1d6-3f5c7e9a0b21";
  private static final Instant NOW = Instant.parse("2030-05-01T10:15:31.250Z");
  private static final Instant EARLIER = Instant.parse("2030-05-01T10:00:30Z");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  // --- which event records a milestone

  @ParameterizedTest
  @EnumSource(Milestone.class)
  void everyMilestoneIsRecordedByTheEventOfTheSameName(Milestone milestone) {
    AuditEvent event = AuditTransitions.eventOf(milestone);

    assertThat(event.name()).isEqualTo(milestone.name());
  }

  @Test
  void aMilestonesRecordCarriesItsOutcome() {
    DebugSession session = session(SESSION_UID, activeAndRunning());

    AuditRecord record = AuditTransitions.record(new Milestone.Reached(Milestone.INJECTED, "Adopted"), session, NOW,
        "0.1.0");

    assertThat(record.event()).isEqualTo(AuditEvent.INJECTED);
    assertThat(record.outcome()).isEqualTo("Adopted");
    assertThat(record.recordId()).isEqualTo(AuditTransitions.recordId(SESSION_UID, AuditEvent.INJECTED));
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

  @Test
  void aDeletionSaysHowTheDebugContainerWasStopped() {
    DebugSessionStatus expired = then(activeAndRunning(),
        s -> finish(s, Phase.Expired, "Expired", StopOutcome.DeadlineWrapper));

    AuditRecord deleted = AuditTransitions.record(AuditEvent.DELETED, session(SESSION_UID, expired), NOW, "0.1.0");
    AuditRecord pruned = AuditTransitions.record(AuditEvent.RETENTION_DELETED, session(SESSION_UID, expired), NOW,
        "0.1.0");

    assertThat(deleted.outcome()).isEqualTo("DeadlineWrapper");
    assertThat(pruned.outcome()).isNull();
  }

  @Test
  void aDeletionOfASessionThatNeverStoppedAContainerHasNoOutcome() {
    AuditRecord deleted = AuditTransitions.record(AuditEvent.DELETED, session(SESSION_UID, status(Phase.Denied)),
        NOW, "0.1.0");

    assertThat(deleted.outcome()).isNull();
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

  private static void inject(DebugSessionStatus s) {
    s.setPhase(Phase.Active);
    s.setPodName("checkout-7d9f");
    s.setPodUID("a1b2c3d4-0000-4000-8000-000000000001");
    s.setTargetContainer("app");
    s.setContainerName("debugger-k7x2m");
    s.setStartedAt(EARLIER.toString());
    s.setExpiresAt("2030-05-01T10:15:30Z");
    s.setMessage("Added debug container debugger-k7x2m to pod checkout-7d9f");
    condition(s, ConditionType.Injected, true, "Added");
  }

  private static void running(DebugSessionStatus s, boolean running) {
    condition(s, ConditionType.DebugContainerRunning, running, running ? "Running" : "ContainerCreating");
  }

  /** What StatusTransitions.finish writes. */
  private static void finish(DebugSessionStatus s, Phase phase, String endReason, StopOutcome outcome) {
    s.setPhase(phase);
    s.setEndReason(endReason);
    s.setEndedAt(NOW.toString());
    s.setMessage(phase + ": " + outcome);
    condition(s, ConditionType.DebugContainerRunning, false, outcome.name());
    condition(s, ConditionType.Stopped, true, outcome.name());
  }

  private static void condition(DebugSessionStatus s, ConditionType type, boolean value, String reason) {
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
