package io.debugsession.operator.status;

import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.GENERATION;
import static io.debugsession.operator.lifecycle.SessionFixtures.IMAGE_ID;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.POD_UID;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.runningView;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.container.DebugContainerFactory;
import io.debugsession.operator.lifecycle.ContainerView;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopCause;
import io.debugsession.operator.lifecycle.StopOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** From Pending to Active or Failed, and following the container while Active. */
class StatusTransitionsTest {

  private static final String WAITING_MESSAGE = "Waiting: Pod \"checkout-7d9f\" not found in namespace \"shop\"";
  private static final Step.AwaitTarget AWAIT_POD =
      new Step.AwaitTarget(EndReason.TargetPodNotFound, WAITING_MESSAGE, Duration.ofSeconds(5));
  private static final Step.Inject INJECT = new Step.Inject(POD_UID, "app", containerName(), EXPIRES_AT);
  private static final String ADDED_MESSAGE = "Added debug container " + containerName()
      + " to pod checkout-7d9f next to container app; expires at 2030-05-01T10:15:30Z. "
      + "Attach with: kubectl attach -it -n shop checkout-7d9f -c " + containerName();

  private static StatusTransitions transitions(DebugSession session) {
    DebugSessionStatus copy = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    return new StatusTransitions(session, copy, NOW);
  }

  private static Condition condition(StatusTransitions t, ConditionType type) {
    return Conditions.find(t.status().getConditions(), type);
  }

  // --- waiting for the target

  @Test
  void awaitTargetExplainsTheWaitAndEmitsAnEvent() {
    StatusTransitions t = transitions(session().build());

    t.awaitTarget(AWAIT_POD);

    assertThat(t.status().getPhase()).isEqualTo(Phase.Pending);
    assertThat(t.status().getMessage()).isEqualTo(WAITING_MESSAGE);
    assertThat(condition(t, ConditionType.Injected))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", "TargetPodNotFound", WAITING_MESSAGE);
    assertThat(t.events()).containsExactly(SessionEvent.normal(EventReason.WaitingForTarget, WAITING_MESSAGE));
  }

  @Test
  void awaitTargetEmitsNoEventWhenTheMessageIsUnchanged() {
    StatusTransitions t = transitions(session().message(WAITING_MESSAGE).build());

    t.awaitTarget(AWAIT_POD);

    assertThat(t.events()).isEmpty();
  }

  @Test
  void awaitTargetKeepsTheInjectedConditionsTransitionTime() {
    DebugSession session = session().build();
    DebugSessionStatus earlier = new StatusTransitions(session, new DebugSessionStatus(), NOW.minusSeconds(30))
        .awaitTarget(AWAIT_POD).status();

    DebugSessionStatus later = new StatusTransitions(session, earlier, NOW)
        .awaitTarget(new Step.AwaitTarget(EndReason.TargetContainerNotRunning, "Waiting: still", Duration.ofSeconds(5)))
        .status();

    assertThat(Conditions.find(later.getConditions(), ConditionType.Injected).getLastTransitionTime())
        .isEqualTo(NOW.minusSeconds(30).toString());
  }

  // --- failing

  @Test
  void failEndsTheSessionWithAWarning() {
    StatusTransitions t = transitions(session().build());

    t.fail(new Step.Fail(EndReason.TargetPodTerminating, "Pod \"checkout-7d9f\" is being deleted"));

    assertThat(t.status())
        .extracting(DebugSessionStatus::getPhase, DebugSessionStatus::getEndReason, DebugSessionStatus::getEndedAt,
            DebugSessionStatus::getMessage)
        .containsExactly(Phase.Failed, "TargetPodTerminating", "2030-05-01T10:00:30.250Z",
            "Pod \"checkout-7d9f\" is being deleted");
    assertThat(condition(t, ConditionType.Injected).getStatus()).isEqualTo("False");
    assertThat(t.events())
        .containsExactly(SessionEvent.warning(EndReason.TargetPodTerminating, "Pod \"checkout-7d9f\" is being deleted"));
  }

  // --- injection

  @Test
  void addedContainerMakesTheSessionActive() {
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.Added());

    assertThat(t.status())
        .extracting(DebugSessionStatus::getPhase, DebugSessionStatus::getPodName, DebugSessionStatus::getPodUID,
            DebugSessionStatus::getTargetContainer, DebugSessionStatus::getContainerName,
            DebugSessionStatus::getStartedAt, DebugSessionStatus::getExpiresAt)
        .containsExactly(Phase.Active, "checkout-7d9f", POD_UID, "app", containerName(), "2030-05-01T10:00:30.250Z",
            "2030-05-01T10:15:30Z");
  }

  @Test
  void addedContainerTellsHowToAttach() {
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.Added());

    assertThat(t.status().getMessage()).isEqualTo(ADDED_MESSAGE);
    assertThat(t.events()).containsExactly(SessionEvent.normal(EventReason.DebugContainerAdded, ADDED_MESSAGE));
  }

  @Test
  void addedContainerSetsInjectedTrue() {
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.Added());

    assertThat(condition(t, ConditionType.Injected))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage,
            Condition::getLastTransitionTime)
        .containsExactly("True", "Added", ADDED_MESSAGE, "2030-05-01T10:00:30.250Z");
  }

  @Test
  void anEndAskedForByTheRequesterAloneIsRecordedAsTheirs() {
    DebugSession session = session().phase(Phase.Active).endRequested().build();
    session.getSpec().setRequester("alice");
    StatusTransitions t = transitions(session);

    t.endRequested(true);

    assertThat(t.status().getEndedBy()).isEqualTo("alice");
    assertThat(t.status().getEndedByVerified()).isTrue();
    assertThat(t.events()).singleElement().isEqualTo(
        SessionEvent.normal(EventReason.EndRequested, "End requested by alice (the requester)"));
  }

  @Test
  void anEndAskedForByAnApproverIsRecordedAsTheirs() {
    DebugSession session = session().phase(Phase.Active).endRequested().build();
    session.getSpec().setRequester("alice");
    session.getSpec().setEndedBy("bob");
    StatusTransitions t = transitions(session);

    t.endRequested(true);

    assertThat(t.status().getEndedBy()).isEqualTo("bob");
    assertThat(t.events()).singleElement().isEqualTo(
        SessionEvent.normal(EventReason.EndRequested, "End requested by bob (an approver of this session)"));
  }

  @Test
  void anEndTheApiServerDidNotVerifySaysSo() {
    DebugSession session = session().phase(Phase.Active).endRequested().build();
    session.getSpec().setEndedBy("bob");
    StatusTransitions t = transitions(session);

    t.endRequested(false);

    assertThat(t.status().getEndedByVerified()).isFalse();
    assertThat(t.events()).singleElement().extracting(SessionEvent::message).isEqualTo("End requested by bob (an "
        + "approver of this session); the API server did not verify the name: the identity admission policy is not "
        + "in force");
  }

  @Test
  void anEndIsRecordedOnce() {
    DebugSession session = session().phase(Phase.Active).endRequested().build();
    session.getSpec().setEndedBy("bob");
    session.getStatus().setEndedBy("bob");
    session.getStatus().setEndedByVerified(true);
    StatusTransitions t = transitions(session);

    t.endRequested(false);

    assertThat(t.status().getEndedByVerified()).isTrue();
    assertThat(t.events()).isEmpty();
  }

  @Test
  void containerFoundAlreadyPresentWithADeadlineBeyondTheTtlIsAdoptedWithTheTtlAndAWarning() {
    StatusTransitions t = transitions(session().build());
    EphemeralContainer existing = DebugContainerFactory.build(session().build().getSpec(), containerName(), "app",
        Instant.parse("2130-01-01T00:00:00Z"), Duration.ofSeconds(10));

    t.injected(INJECT, new InjectionResult.AlreadyPresent(existing));

    assertThat(t.status().getExpiresAt()).isEqualTo(INJECT.expiresAt().toString());
    assertThat(t.events()).extracting(SessionEvent::reason)
        .containsExactly("DebugContainerAdopted", "DebugContainerDeadlineReplaced");
    assertThat(t.events().get(1).message()).isEqualTo("Debug container " + containerName() + " found in pod "
        + "checkout-7d9f: its deadline 2130-01-01T00:00:00Z is later than this session's TTL allows; the operator "
        + "stops it at " + INJECT.expiresAt());
  }

  @Test
  void containerFoundAlreadyPresentIsAdopted() {
    StatusTransitions t = transitions(session().build());

    EphemeralContainer existing = DebugContainerFactory.build(session().build().getSpec(), containerName(), "app",
        Instant.parse("2030-05-01T10:05:00Z"), Duration.ofSeconds(10));

    t.injected(INJECT, new InjectionResult.AlreadyPresent(existing));

    assertThat(t.status().getPhase()).isEqualTo(Phase.Active);
    assertThat(t.status().getExpiresAt()).isEqualTo("2030-05-01T10:05:00Z");
    assertThat(condition(t, ConditionType.Injected).getReason()).isEqualTo("Adopted");
    assertThat(t.status().getMessage()).startsWith("Found debug container " + containerName()
        + " already in pod checkout-7d9f next to container app;");
  }

  @Test
  void rejectedContainerFailsTheSessionWithTheApiServersWords() {
    String apiMessage = "pods \"checkout-7d9f\" is forbidden: violates PodSecurity \"restricted:latest\": "
        + "unrestricted capabilities (container \"" + containerName()
        + "\" must set securityContext.capabilities.drop=[\"ALL\"])";
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.Rejected(403, "Forbidden", apiMessage));

    assertThat(t.status().getPhase()).isEqualTo(Phase.Failed);
    assertThat(t.status().getEndReason()).isEqualTo("InjectionRejected");
    assertThat(t.status().getMessage())
        .isEqualTo("The API server refused the debug container (HTTP 403 Forbidden): " + apiMessage);
  }

  @Test
  void rejectionWithoutAReasonGivesTheCodeAlone() {
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.Rejected(422, null, "spec.ephemeralContainers[0].name: Duplicate value"));

    assertThat(t.status().getMessage()).isEqualTo(
        "The API server refused the debug container (HTTP 422): spec.ephemeralContainers[0].name: Duplicate value");
  }

  @Test
  void podFilledUpDuringInjectionDeniesTheSessionForTheCap() {
    String capMessage = "pod \"checkout-7d9f\" already has 10 ephemeral containers, the maximum under shop-cap; "
        + "delete or restart the pod to clear them";
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.NoRoom(capMessage));

    assertThat(t.status())
        .extracting(DebugSessionStatus::getPhase, DebugSessionStatus::getEndReason, DebugSessionStatus::getMessage)
        .containsExactly(Phase.Denied, "EphemeralContainerLimit", "Denied: " + capMessage);
    assertThat(t.status().getEndedAt()).isEqualTo(NOW.toString());
    assertThat(condition(t, ConditionType.Injected)).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "EphemeralContainerLimit");
    assertThat(t.events()).containsExactly(SessionEvent.warning(EndReason.EphemeralContainerLimit, "Denied: " + capMessage));
  }

  @Test
  void podGoneDuringInjectionFailsTheSession() {
    String message = "Pod \"checkout-7d9f\" disappeared before the debug container was added";
    StatusTransitions t = transitions(session().build());

    t.injected(INJECT, new InjectionResult.PodGone(message));

    assertThat(t.status())
        .extracting(DebugSessionStatus::getPhase, DebugSessionStatus::getEndReason, DebugSessionStatus::getMessage)
        .containsExactly(Phase.Failed, "TargetPodNotFound", message);
    assertThat(t.events()).containsExactly(SessionEvent.warning(EndReason.TargetPodNotFound, message));
  }

  @Test
  void adoptedRunningContainerIsActiveAndRunning() {
    StatusTransitions t = transitions(session().build());

    t.adopted(new Step.Adopt(POD_UID, "app", containerName(), EXPIRES_AT, runningView(), null));

    assertThat(t.status().getPhase()).isEqualTo(Phase.Active);
    assertThat(t.status().getDebugContainer()).isEqualTo(new DebugContainerStatus("Running", null, null, IMAGE_ID));
    assertThat(t.events()).extracting(SessionEvent::reason)
        .containsExactly("DebugContainerRunning", "DebugContainerAdopted");
  }

  // --- following the container

  @Test
  void firstSightOfTheRunningContainerIsAnnounced() {
    DebugSession session = session().active(EXPIRES_AT).build();
    session.getStatus().setDebugContainer(null);
    StatusTransitions t = transitions(session);

    t.follow(new Step.Follow(runningView(), NOW.plusSeconds(10)));

    String message = "Debug container " + containerName() + " is Running";
    assertThat(t.events()).containsExactly(SessionEvent.normal(EventReason.DebugContainerRunning, message));
    assertThat(condition(t, ConditionType.DebugContainerRunning))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "Running", message);
  }

  @Test
  void containerStillRunningIsNotAnnouncedAgain() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    t.follow(new Step.Follow(runningView(), NOW.plusSeconds(10)));

    assertThat(t.events()).isEmpty();
  }

  @Test
  void waitingContainerIsAWarning() {
    DebugSession session = session().active(EXPIRES_AT).build();
    session.getStatus().setDebugContainer(null);
    StatusTransitions t = transitions(session);

    t.follow(new Step.Follow(new ContainerView(ContainerView.State.Waiting, "ImagePullBackOff", null, null, null),
        NOW.plusSeconds(10)));

    String message = "Debug container " + containerName() + " is Waiting (ImagePullBackOff)";
    assertThat(t.events()).containsExactly(SessionEvent.warning(EventReason.DebugContainerWaiting, message));
    assertThat(condition(t, ConditionType.DebugContainerRunning))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "ImagePullBackOff");
  }

  @Test
  void unreportedContainerLeavesTheStatusAlone() {
    DebugSession session = session().active(EXPIRES_AT).build();
    session.getStatus().setObservedGeneration(GENERATION);
    DebugSessionStatus before = session().active(EXPIRES_AT).build().getStatus();
    before.setObservedGeneration(GENERATION);
    StatusTransitions t = transitions(session);

    t.follow(new Step.Follow(ContainerView.UNKNOWN, NOW.plusSeconds(10)));

    assertThat(t.status()).isEqualTo(before);
    assertThat(t.events()).isEmpty();
  }

  // --- every transition

  static Stream<Arguments> everyTransition() {
    Step.Finish finish = new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.DeadlineWrapper, "done",
        ContainerView.UNKNOWN);
    return Stream.of(
        transition("awaitTarget", t -> t.awaitTarget(AWAIT_POD)),
        transition("fail", t -> t.fail(new Step.Fail(EndReason.TargetPodNotFound, "gone"))),
        transition("injected", t -> t.injected(INJECT, new InjectionResult.Added())),
        transition("adopted", t -> t.adopted(new Step.Adopt(POD_UID, "app", containerName(), EXPIRES_AT,
            runningView(), null))),
        transition("follow", t -> t.follow(new Step.Follow(runningView(), EXPIRES_AT))),
        transition("signalled", t -> new StopTransitions(t).signalled(new Step.SendSignal(StopCause.EXPIRED, Signal.TERM, runningView()),
            SignalResult.delivered(1), NOW)),
        transition("awaitStop", t -> new StopTransitions(t).awaitStop(new Step.AwaitStop(StopCause.EXPIRED, "waiting", EXPIRES_AT,
            runningView()))),
        transition("finish", t -> t.finish(finish)));
  }

  private static Arguments transition(String name, UnaryOperator<StatusTransitions> apply) {
    return Arguments.of(Named.of(name, apply));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTransition")
  void observedGenerationIsTheSessionsGeneration(UnaryOperator<StatusTransitions> apply) {
    DebugSession session = session().generation(7).active(EXPIRES_AT).build();
    session.getStatus().setObservedGeneration(2L);

    DebugSessionStatus status = apply.apply(transitions(session)).status();

    assertThat(status.getObservedGeneration()).isEqualTo(7L);
  }

  @Test
  void newStatusStartsPending() {
    StatusTransitions t = new StatusTransitions(session().build(), new DebugSessionStatus(), NOW);

    assertThat(t.status().getPhase()).isEqualTo(Phase.Pending);
  }

  @Test
  void conditionsMoveOnlyWhenTheirStatusChanges() {
    DebugSession session = session().build();
    Instant firstSeen = NOW.minusSeconds(60);
    DebugSessionStatus waiting = new StatusTransitions(session, new DebugSessionStatus(), firstSeen)
        .awaitTarget(AWAIT_POD).status();

    DebugSessionStatus active = new StatusTransitions(session, waiting, NOW)
        .injected(INJECT, new InjectionResult.Added()).status();

    assertThat(Conditions.find(active.getConditions(), ConditionType.Injected).getLastTransitionTime())
        .isEqualTo(NOW.toString());
  }
}
