package io.debugsession.operator.lifecycle;

import static io.debugsession.operator.lifecycle.SessionFixtures.CREATED;
import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.POD_UID;
import static io.debugsession.operator.lifecycle.SessionFixtures.TIMING;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.pod;
import static io.debugsession.operator.lifecycle.SessionFixtures.running;
import static io.debugsession.operator.lifecycle.SessionFixtures.runningView;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static io.debugsession.operator.lifecycle.SessionFixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.container.DebugContainerFactory;
import io.debugsession.operator.container.DebugContainerName;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A session before its debug container is in the pod: wait, fail, inject, adopt, or end without one. */
class SessionPlannerPendingTest {

  private final SessionPlanner planner = new SessionPlanner(TIMING);

  private static EphemeralContainer alreadyAdded(Instant deadline) {
    return DebugContainerFactory.build(session().build().getSpec(), containerName(), "app", deadline,
        Duration.ofSeconds(10));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Phase.class, names = {"Expired", "Ended", "Failed"})
  void finalPhaseNeedsNothing(Phase phase) {
    DebugSession session = session().phase(phase).build();

    Step step = planner.plan(session, pod().build(), NOW);

    assertThat(step).isEqualTo(new Step.Nothing());
  }

  @Test
  void missingPodIsAwaitedWithinThePendingTimeout() {
    DebugSession session = session().createdAt(CREATED).build();

    Step step = planner.plan(session, null, CREATED.plusSeconds(30));

    assertThat(step).isEqualTo(new Step.AwaitTarget(EndReason.TargetPodNotFound,
        "Waiting: Pod \"checkout-7d9f\" not found in namespace \"shop\"", Duration.ofSeconds(5)));
  }

  @Test
  void awaitingRechecksNoLaterThanThePendingTimeout() {
    DebugSession session = session().createdAt(CREATED).build();

    Step step = planner.plan(session, null, CREATED.plus(Duration.ofMinutes(2)).minusSeconds(2));

    assertThat(step).isEqualTo(new Step.AwaitTarget(EndReason.TargetPodNotFound,
        "Waiting: Pod \"checkout-7d9f\" not found in namespace \"shop\"", Duration.ofSeconds(2)));
  }

  @Test
  void missingPodFailsTheSessionAtThePendingTimeout() {
    DebugSession session = session().createdAt(CREATED).build();

    Step step = planner.plan(session, null, CREATED.plus(Duration.ofMinutes(2)));

    assertThat(step).isEqualTo(new Step.Fail(EndReason.TargetPodNotFound,
        "Pod \"checkout-7d9f\" not found in namespace \"shop\" after waiting 2m"));
  }

  @Test
  void podThatNeverStartsFailsTheSessionAfterThePendingTimeout() {
    DebugSession session = session().createdAt(CREATED).build();
    Pod pod = pod().phase("Pending").container("app", waiting("ImagePullBackOff")).build();

    Step step = planner.plan(session, pod, CREATED.plus(Duration.ofMinutes(5)));

    assertThat(step).isEqualTo(new Step.Fail(EndReason.TargetPodNotRunning,
        "Pod \"checkout-7d9f\" is Pending, not Running after waiting 2m"));
  }

  @Test
  void impossibleTargetFailsAtOnce() {
    DebugSession session = session().createdAt(CREATED).targetContainer("ap").build();

    Step step = planner.plan(session, pod().build(), CREATED.plusSeconds(1));

    assertThat(step).isEqualTo(new Step.Fail(EndReason.TargetContainerNotFound,
        "Pod \"checkout-7d9f\" has no container \"ap\"; its containers are: app"));
  }

  @Test
  void readyTargetIsInjectedWithTheDefaultTtlFromTheWholeSecond() {
    DebugSession session = session().build();

    Step step = planner.plan(session, pod().build(), NOW);

    assertThat(step).isEqualTo(new Step.Inject(POD_UID, "app", containerName(),
        Instant.parse("2030-05-01T10:15:30Z")));
  }

  @Test
  void readyTargetIsInjectedWithTheSessionsTtl() {
    DebugSession session = session().ttl("1h30m").build();

    Step step = planner.plan(session, pod().build(), NOW);

    assertThat(step).isEqualTo(new Step.Inject(POD_UID, "app", containerName(),
        Instant.parse("2030-05-01T11:30:30Z")));
  }

  @Test
  void injectedContainerIsNamedAfterTheSessionsNameAndUid() {
    DebugSession session = session().name("payments.debug").uid("0e1f4b6a-7c3d-4a2b-8e9f-112233445566").build();

    Step step = planner.plan(session, pod().build(), NOW);

    assertThat(step).isInstanceOf(Step.Inject.class);
    assertThat(((Step.Inject) step).containerName())
        .isEqualTo(DebugContainerName.of("payments.debug", "0e1f4b6a-7c3d-4a2b-8e9f-112233445566"));
  }

  @Test
  void omittedTargetContainerIsInjectedNextToThePodsOnlyContainer() {
    DebugSession session = session().targetContainer(null).build();

    Step step = planner.plan(session, pod().containers("server").build(), NOW);

    assertThat(step).isEqualTo(new Step.Inject(POD_UID, "server", containerName(), EXPIRES_AT));
  }

  @Test
  void containerAlreadyInThePodIsAdoptedWithTheDeadlineItCarries() {
    Instant earlierDeadline = Instant.parse("2030-05-01T10:15:00Z");
    Pod pod = pod().ephemeral(alreadyAdded(earlierDeadline)).ephemeralStatus(containerName(), running()).build();

    Step step = planner.plan(session().build(), pod, NOW);

    assertThat(step).isEqualTo(new Step.Adopt(POD_UID, "app", containerName(), earlierDeadline, runningView(),
        null));
  }

  @Test
  void containerAlreadyInThePodWithoutADeadlineIsAdoptedWithAFreshTtl() {
    EphemeralContainer noDeadline = new EphemeralContainerBuilder()
        .withName(containerName()).withImage("busybox:1.37").withTargetContainerName("app").build();
    Pod pod = pod().ephemeral(noDeadline).build();

    Step step = planner.plan(session().ttl("5m").build(), pod, NOW);

    Instant fiveMinutes = Instant.parse("2030-05-01T10:05:30Z");
    assertThat(step).isEqualTo(new Step.Adopt(POD_UID, "app", containerName(), fiveMinutes, ContainerView.UNKNOWN,
        "it carries no deadline (DEBUGSESSION_EXPIRES_AT); the operator stops it at 2030-05-01T10:05:30Z"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"99999999999999999", "-99999999999999999", "1e12", "soon"})
  void containerAlreadyInThePodWithADeadlineThatIsNoTimeIsAdoptedWithTheSessionsTtl(String deadline) {
    // 99999999999999999 seconds is a long, but beyond any Instant: it threw DateTimeException, and the pass was
    // retried forever.
    EphemeralContainer absurd = new EphemeralContainerBuilder(alreadyAdded(EXPIRES_AT))
        .withEnv(new EnvVar("DEBUGSESSION_EXPIRES_AT", deadline, null)).build();
    Pod pod = pod().ephemeral(absurd).ephemeralStatus(containerName(), running()).build();

    Step step = planner.plan(session().build(), pod, NOW);

    assertThat(step).isEqualTo(new Step.Adopt(POD_UID, "app", containerName(), EXPIRES_AT, runningView(),
        "its deadline DEBUGSESSION_EXPIRES_AT=\"" + deadline + "\" is not a time in epoch seconds; the operator "
            + "stops it at " + EXPIRES_AT));
  }

  @Test
  void containerAlreadyInThePodWithADeadlineBeyondTheTtlIsAdoptedWithTheSessionsTtl() {
    Instant nextCentury = Instant.parse("2130-01-01T00:00:00Z");
    Pod pod = pod().ephemeral(alreadyAdded(nextCentury)).ephemeralStatus(containerName(), running()).build();

    Step step = planner.plan(session().build(), pod, NOW);

    assertThat(step).isEqualTo(new Step.Adopt(POD_UID, "app", containerName(), EXPIRES_AT, runningView(),
        "its deadline 2130-01-01T00:00:00Z is later than this session's TTL allows; the operator stops it at "
            + EXPIRES_AT));
  }

  @Test
  void anotherSessionsContainerIsNotAdopted() {
    EphemeralContainer predecessor = DebugContainerFactory.build(session().build().getSpec(),
        DebugContainerName.of("checkout-debug", "0e1f4b6a-7c3d-4a2b-8e9f-112233445566"), "app", EXPIRES_AT,
        Duration.ofSeconds(10));
    Pod pod = pod().ephemeral(predecessor).build();

    Step step = planner.plan(session().build(), pod, NOW);

    assertThat(step).isEqualTo(new Step.Inject(POD_UID, "app", containerName(), EXPIRES_AT));
  }

  @Test
  void endRequestedBeforeInjectionEndsWithoutAContainer() {
    DebugSession session = session().endRequested().build();

    Step step = planner.plan(session, pod().build(), NOW);

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.EndRequested, StopOutcome.NeverInjected,
        "Ended before a debug container was added", ContainerView.UNKNOWN));
  }

  @Test
  void deletionBeforeInjectionEndsWithoutAContainer() {
    DebugSession session = session().deleting().build();

    Step step = planner.plan(session, null, NOW);

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.SessionDeleted, StopOutcome.NeverInjected,
        "Ended before a debug container was added", ContainerView.UNKNOWN));
  }

  @Test
  void endRequestedAfterALostInjectionResponseAdoptsTheContainerSoThatItCanBeStopped() {
    Pod pod = pod().ephemeral(alreadyAdded(EXPIRES_AT)).ephemeralStatus(containerName(), running()).build();

    Step step = planner.plan(session().endRequested().build(), pod, NOW);

    assertThat(step).isEqualTo(new Step.Adopt(POD_UID, "app", containerName(), EXPIRES_AT, runningView(), null));
  }
}
