package io.debugsession.operator.lifecycle;

import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.IMAGE_ID;
import static io.debugsession.operator.lifecycle.SessionFixtures.TIMING;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.pod;
import static io.debugsession.operator.lifecycle.SessionFixtures.running;
import static io.debugsession.operator.lifecycle.SessionFixtures.runningView;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static io.debugsession.operator.lifecycle.SessionFixtures.terminated;
import static io.debugsession.operator.lifecycle.SessionFixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Stopping the debug container at expiry, on an end request or on deletion, and saying which layer stopped it. */
class SessionPlannerStopTest {

  /** expiresAt + stop grace (10s) + deadline slack (5s): when the operator stops waiting for the wrapper. */
  private static final Instant OPERATOR_STOP_AT = EXPIRES_AT.plusSeconds(15);

  private final SessionPlanner planner = new SessionPlanner(TIMING);

  private static Pod podWithDebugContainer(ContainerState state) {
    return pod().ephemeralStatus(containerName(), state).build();
  }

  private static ContainerView terminatedView(int exitCode, String reason, Instant finishedAt) {
    return new ContainerView(ContainerView.State.Terminated, reason, exitCode, IMAGE_ID, finishedAt);
  }

  // --- expiry: the wrapper first, then TERM, KILL, and a failing stop that never ends while the kubelet says running

  // Looks again 1s after expiry, then as long again as has passed (never longer than the 10s poll), and 1s after the
  // wrapper's KILL (expiry + grace 10s), up to the operator's stop time (expiry + 15s): the wrapper's own stop, by
  // TERM or by KILL, is seen about when the kubelet reports it.
  @ParameterizedTest(name = "{0}s after expiry, look again {1}s after expiry")
  @CsvSource({"0, 1", "1, 2", "2, 4", "3, 6", "5, 10", "8, 11", "10, 11", "11, 15", "12, 15", "14, 15"})
  void expiredRunningContainerIsLeftToItsWrapperFirst(long secondsAfterExpiry, long recheckSecondsAfterExpiry) {
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), EXPIRES_AT.plusSeconds(secondsAfterExpiry));

    assertThat(step).isEqualTo(new Step.AwaitStop(StopCause.EXPIRED,
        "TTL reached: waiting for the debug container's own deadline wrapper",
        EXPIRES_AT.plusSeconds(recheckSecondsAfterExpiry), runningView()));
  }

  @ParameterizedTest(name = "{0}s after the wrapper's time")
  @ValueSource(longs = {0, 60})
  void expiredContainerStillRunningAfterTheWrappersTimeIsSentTerm(long secondsLate) {
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), OPERATOR_STOP_AT.plusSeconds(secondsLate));

    assertThat(step).isEqualTo(new Step.SendSignal(StopCause.EXPIRED, Signal.TERM, runningView()));
  }

  // Looks again 1s after TERM, then as long again as has passed, up to the end of the grace period (10s).
  @ParameterizedTest(name = "{0}s after TERM, look again {1}s after TERM")
  @CsvSource({"0, 1", "1, 2", "3, 6", "5, 10", "9, 10"})
  void termSentWaitsForTheGracePeriod(long secondsAfterTerm, long recheckSecondsAfterTerm) {
    Instant termSentAt = OPERATOR_STOP_AT;
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).termSentAt(termSentAt).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), termSentAt.plusSeconds(secondsAfterTerm));

    assertThat(step).isEqualTo(new Step.AwaitStop(StopCause.EXPIRED,
        "TTL reached: SIGTERM sent, waiting up to 10s before SIGKILL", termSentAt.plusSeconds(recheckSecondsAfterTerm),
        runningView()));
  }

  @Test
  void containerStillRunningAfterTheGracePeriodIsSentKill() {
    Instant termSentAt = OPERATOR_STOP_AT;
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).termSentAt(termSentAt).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), termSentAt.plusSeconds(10));

    assertThat(step).isEqualTo(new Step.SendSignal(StopCause.EXPIRED, Signal.KILL, runningView()));
  }

  // Looks again 1s after KILL, then as long again as has passed, up to the slack (5s).
  @ParameterizedTest(name = "{0}s after KILL, look again {1}s after KILL")
  @CsvSource({"0, 1", "1, 2", "2, 4", "4, 5"})
  void killSentWaitsForTheKubeletToReportTheExit(long secondsAfterKill, long recheckSecondsAfterKill) {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(secondsAfterKill));

    assertThat(step).isEqualTo(new Step.AwaitStop(StopCause.EXPIRED,
        "TTL reached: SIGKILL sent, waiting for the kubelet to report the exit",
        killSentAt.plusSeconds(recheckSecondsAfterKill), runningView()));
  }

  @Test
  void containerStillRunningAfterKillIsAFailingStopWithTheLastErrorNotAnEnd() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1)
        .lastError("exec refused (HTTP 500): Internal Server Error").build();

    Step step = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(5));

    assertThat(step).isEqualTo(new Step.StopFailing(StopCause.EXPIRED,
        "TTL reached: the kubelet still reports the debug container Running 5s after SIGKILL; last error: exec "
            + "refused (HTTP 500): Internal Server Error; retrying SIGKILL", runningView()));
  }

  @Test
  void aKillTheExecReportedAsDeliveredDecidesNothingWhileTheKubeletReportsRunning() {
    // A fake sh in the container answers "signalled=2", exit 0: recorded as sent, but only the kubelet ends it.
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1).build();
    session.getStatus().getStop().setSignalledProcesses(2);

    Step step = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(60));

    assertThat(step).isInstanceOf(Step.StopFailing.class);
  }

  @ParameterizedTest(name = "after KILL #{0}: the next at +{1}s")
  @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "6, 120", "30, 120"})
  void aFailingStopRetriesKillWithCappedExponentialBackoff(int kills, long waitSeconds) {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(600);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(kills)
        .failingSince(OPERATOR_STOP_AT.plusSeconds(15)).build();

    Step before = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(waitSeconds - 1));
    Step due = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(waitSeconds));

    assertThat(before).isInstanceOfSatisfying(Step.AwaitStop.class, wait -> assertThat(wait.message())
        .endsWith("after " + kills + " SIGKILL(s) since " + OPERATOR_STOP_AT.plusSeconds(15) + "; next SIGKILL at "
            + killSentAt.plusSeconds(waitSeconds)));
    assertThat(due).isEqualTo(new Step.SendSignal(StopCause.EXPIRED, Signal.KILL, runningView()));
  }

  @Test
  void aFailingStopNeverFinishesWhileTheKubeletReportsRunning() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(40)
        .failingSince(killSentAt.plusSeconds(5)).build();

    for (long hours = 0; hours < 48; hours++) {
      Step step = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(3600 * hours));
      assertThat(step).isNotInstanceOf(Step.Finish.class).isNotInstanceOf(Step.Evict.class);
    }
  }

  @Test
  void aFailingStopUnderOnStopFailureEvictEvictsThePodFirst() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.END_REQUESTED)
        .onStopFailure(OnStopFailure.EVICT).termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1)
        .failingSince(killSentAt.plusSeconds(5)).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(5));

    assertThat(step).isEqualTo(new Step.EscalateEviction(StopCause.END_REQUESTED,
        "End requested: the debug container survived SIGKILL; evicting pod " + SessionFixtures.POD_NAME,
        runningView()));
  }

  @Test
  void aFailingStopAtExpiryUnderStopAndEvictEvictsToo() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .onExpiry(OnExpiry.STOP_AND_EVICT).termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1)
        .failingSince(killSentAt.plusSeconds(5)).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(5));

    assertThat(step).isInstanceOf(Step.EscalateEviction.class);
  }

  @Test
  void aBlockedEscalationIsRetriedAfterTheEvictionRetryIntervalWhileKillGoesOn() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    Instant blockedAt = killSentAt.plusSeconds(5);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .onStopFailure(OnStopFailure.EVICT).termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1)
        .failingSince(blockedAt).evictionAttempted(blockedAt, false).build();

    Step kill = planner.plan(session, podWithDebugContainer(running()), killSentAt.plusSeconds(5));
    Step evictAgain = planner.plan(session, podWithDebugContainer(running()), blockedAt.plusSeconds(30));

    assertThat(kill).isEqualTo(new Step.SendSignal(StopCause.EXPIRED, Signal.KILL, runningView()));
    assertThat(evictAgain).isInstanceOf(Step.EscalateEviction.class);
  }

  @Test
  void anEvictedPodIsNotEvictedAgainWhileKillGoesOn() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    Instant evictedAt = killSentAt.plusSeconds(5);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .onStopFailure(OnStopFailure.EVICT).termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1)
        .failingSince(evictedAt).evictionAttempted(evictedAt, true).build();

    Step step = planner.plan(session, podWithDebugContainer(running()), evictedAt.plusSeconds(300));

    assertThat(step).isEqualTo(new Step.SendSignal(StopCause.EXPIRED, Signal.KILL, runningView()));
  }

  @Test
  void aFailingStopEndsWhenTheKubeletReportsTheContainerTerminatedAfterTheEviction() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    Instant evictedAt = killSentAt.plusSeconds(5);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .onStopFailure(OnStopFailure.EVICT).termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(1)
        .failingSince(evictedAt).evictionAttempted(evictedAt, true).build();

    Step step = planner.plan(session,
        podWithDebugContainer(terminated(137, "Error", evictedAt.plusSeconds(30))), evictedAt.plusSeconds(31));

    assertThat(step).isInstanceOfSatisfying(Step.Finish.class, finish -> {
      assertThat(finish.phase()).isEqualTo(Phase.Expired);
      assertThat(finish.outcome()).isEqualTo(StopOutcome.PodEvicted);
    });
  }

  @Test
  void aFailingStopEndsAsItsCauseWhenThePodIsGone() {
    Instant killSentAt = OPERATOR_STOP_AT.plusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).killSentAt(killSentAt).killAttempts(3)
        .failingSince(killSentAt.plusSeconds(5)).build();

    Step step = planner.plan(session, null, killSentAt.plusSeconds(60));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.PodGone,
        "TTL reached: the debug container survived SIGKILL until its pod went away: Pod \"" + SessionFixtures.POD_NAME
            + "\" was deleted; its debug container went with it", ContainerView.UNKNOWN));
  }

  // --- expiry: which layer stopped it

  @Test
  void containerThatEndsAfterExpiryWithoutOperatorSignalWasStoppedByItsWrapper() {
    Instant finishedAt = EXPIRES_AT.plusSeconds(1);
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(143, "Error", finishedAt)),
        EXPIRES_AT.plusSeconds(3));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.DeadlineWrapper,
        "TTL reached: the debug container was stopped by its own deadline wrapper and exited with code 143 (Error)",
        terminatedView(143, "Error", finishedAt)));
  }

  @Test
  void containerThatEndsAfterTheOperatorsTermWasStoppedByTheOperator() {
    Instant finishedAt = OPERATOR_STOP_AT.plusSeconds(1);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED)
        .termSentAt(OPERATOR_STOP_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(143, "Error", finishedAt)),
        OPERATOR_STOP_AT.plusSeconds(2));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.OperatorSignal,
        "TTL reached: the debug container was stopped by the operator's signal and exited with code 143 (Error)",
        terminatedView(143, "Error", finishedAt)));
  }

  static Stream<Arguments> observedAroundExpiry() {
    return Stream.of(
        Arguments.of("after expiry", EXPIRES_AT.plusSeconds(2)),
        Arguments.of("just before expiry by our clock", EXPIRES_AT.minusMillis(500)));
  }

  @ParameterizedTest(name = "observed {0}")
  @MethodSource("observedAroundExpiry")
  void exitWithinTheClockSkewToleranceBeforeExpiryCountsAsTheWrapper(String when, Instant now) {
    Instant finishedAt = EXPIRES_AT.minusSeconds(1);
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(143, "Error", finishedAt)), now);

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.DeadlineWrapper,
        "TTL reached: the debug container was stopped by its own deadline wrapper and exited with code 143 (Error)",
        terminatedView(143, "Error", finishedAt)));
  }

  @Test
  void exitWellBeforeExpiryObservedAfterExpiryCountsAsExitedOnItsOwn() {
    Instant finishedAt = EXPIRES_AT.minusSeconds(10);
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(0, "Completed", finishedAt)),
        EXPIRES_AT.plusSeconds(2));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.DebugContainerExited, StopOutcome.ExitedOnItsOwn,
        "The debug container exited with code 0 (Completed)", terminatedView(0, "Completed", finishedAt)));
  }

  @Test
  void expiredContainerThatNeverLeftWaitingNeverStarted() {
    ContainerView waiting = new ContainerView(ContainerView.State.Waiting, "ImagePullBackOff", null, IMAGE_ID, null);
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, podWithDebugContainer(waiting("ImagePullBackOff")), EXPIRES_AT);

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.NotStarted,
        "TTL reached: the debug container never ran (Waiting ImagePullBackOff); its wrapper refuses to start after "
            + "the deadline", waiting));
  }

  @Test
  void expiredContainerNeverReportedNeverStarted() {
    DebugSession session = session().active(EXPIRES_AT).build();

    Step step = planner.plan(session, pod().build(), EXPIRES_AT);

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.NotStarted,
        "TTL reached: the debug container never ran (Unknown); its wrapper refuses to start after the deadline",
        ContainerView.UNKNOWN));
  }

  // --- end requested and deletion: no wrapper to wait for

  @Test
  void endRequestedWhileRunningSendsTermAtOnce() {
    DebugSession session = session().active(EXPIRES_AT).endRequested().build();

    Step step = planner.plan(session, podWithDebugContainer(running()), EXPIRES_AT.minusSeconds(600));

    assertThat(step).isEqualTo(new Step.SendSignal(StopCause.END_REQUESTED, Signal.TERM, runningView()));
  }

  @Test
  void endRequestedSessionStoppedByTheOperatorEndsAsEndRequested() {
    Instant termSentAt = EXPIRES_AT.minusSeconds(600);
    Instant finishedAt = termSentAt.plusSeconds(1);
    DebugSession session = session().active(EXPIRES_AT).endRequested()
        .stopCause(StopCause.END_REQUESTED).termSentAt(termSentAt).build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(143, "Error", finishedAt)),
        termSentAt.plusSeconds(2));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.EndRequested, StopOutcome.OperatorSignal,
        "End requested: the debug container was stopped by the operator's signal and exited with code 143 (Error)",
        terminatedView(143, "Error", finishedAt)));
  }

  @Test
  void deletionWhileRunningSendsTermAtOnce() {
    DebugSession session = session().active(EXPIRES_AT).deleting().build();

    Step step = planner.plan(session, podWithDebugContainer(running()), EXPIRES_AT.minusSeconds(600));

    assertThat(step).isEqualTo(new Step.SendSignal(StopCause.SESSION_DELETED, Signal.TERM, runningView()));
  }

  @Test
  void deletedSessionStoppedByTheOperatorEndsAsSessionDeleted() {
    Instant termSentAt = EXPIRES_AT.minusSeconds(600);
    Instant finishedAt = termSentAt.plusSeconds(1);
    DebugSession session = session().active(EXPIRES_AT).deleting()
        .stopCause(StopCause.SESSION_DELETED).termSentAt(termSentAt).build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(143, "Error", finishedAt)),
        termSentAt.plusSeconds(2));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.SessionDeleted, StopOutcome.OperatorSignal,
        "DebugSession deleted: the debug container was stopped by the operator's signal and exited with code 143 "
            + "(Error)", terminatedView(143, "Error", finishedAt)));
  }

  @Test
  void endRequestedWhileContainerWaitsAwaitsItsStart() {
    ContainerView waiting = new ContainerView(ContainerView.State.Waiting, "ContainerCreating", null, IMAGE_ID, null);
    DebugSession session = session().active(EXPIRES_AT).endRequested().build();
    Instant now = EXPIRES_AT.minusSeconds(600);

    Step step = planner.plan(session, podWithDebugContainer(waiting("ContainerCreating")), now);

    assertThat(step).isEqualTo(new Step.AwaitStop(StopCause.END_REQUESTED,
        "End requested: waiting for the debug container (Waiting ContainerCreating) to start so that it can be "
            + "stopped; it cannot start after 2030-05-01T10:15:30Z", now.plusSeconds(10), waiting));
  }

  static Stream<Arguments> stopCausesOtherThanExpiry() {
    return Stream.of(
        Arguments.of(session().active(EXPIRES_AT).endRequested().build(), Phase.Ended, EndReason.EndRequested,
            "End requested"),
        Arguments.of(session().active(EXPIRES_AT).deleting().build(), Phase.Ended, EndReason.SessionDeleted,
            "DebugSession deleted"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("stopCausesOtherThanExpiry")
  void containerStillWaitingAtExpiryNeverStartedWhateverTheCause(DebugSession session, Phase phase, EndReason reason,
      String described) {
    ContainerView waiting = new ContainerView(ContainerView.State.Waiting, "ImagePullBackOff", null, IMAGE_ID, null);

    Step step = planner.plan(session, podWithDebugContainer(waiting("ImagePullBackOff")), EXPIRES_AT.plusSeconds(1));

    assertThat(step).isEqualTo(new Step.Finish(phase, reason, StopOutcome.NotStarted,
        described + ": the debug container never ran (Waiting ImagePullBackOff); its wrapper refuses to start after "
            + "the deadline", waiting));
  }

  // --- the first recorded cause decides

  @Test
  void recordedExpiryWinsOverALaterEndRequest() {
    Instant termSentAt = OPERATOR_STOP_AT;
    Instant finishedAt = termSentAt.plusSeconds(1);
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).termSentAt(termSentAt)
        .endRequested().build();

    Step step = planner.plan(session, podWithDebugContainer(terminated(143, "Error", finishedAt)),
        termSentAt.plusSeconds(2));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.OperatorSignal,
        "TTL reached: the debug container was stopped by the operator's signal and exited with code 143 (Error)",
        terminatedView(143, "Error", finishedAt)));
  }

  @Test
  void recordedEndRequestWinsOverALaterDeletion() {
    Instant termSentAt = EXPIRES_AT.minusSeconds(600);
    DebugSession session = session().active(EXPIRES_AT).endRequested().stopCause(StopCause.END_REQUESTED)
        .termSentAt(termSentAt).deleting().build();

    Step step = planner.plan(session, podWithDebugContainer(running()), termSentAt.plusSeconds(10));

    assertThat(step).isEqualTo(new Step.SendSignal(StopCause.END_REQUESTED, Signal.KILL, runningView()));
  }
}
