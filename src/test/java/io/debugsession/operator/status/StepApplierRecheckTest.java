package io.debugsession.operator.status;

import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.lifecycle.ContainerView;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.EvictionResult;
import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopCause;
import io.debugsession.operator.lifecycle.StopOutcome;
import io.debugsession.operator.lifecycle.Timing;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the reconciler looks at a session again after each kind of step, as {@link StepApplier} works it out. */
class StepApplierRecheckTest {

  private static final Instant NOW = Instant.parse("2030-05-01T10:00:00Z");
  /** Grace 10s, slack 5s, poll 10s, eviction retried every 30s. */
  private static final Timing TIMING = new Timing(Duration.ofMinutes(15), Duration.ofSeconds(10),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30),
      Duration.ofMinutes(5));
  private static final ContainerView RUNNING = new ContainerView(ContainerView.State.Running, null, null, null, null);

  @Test
  void awaitingTheTargetLooksAgainWhenThePlannerSaid() {
    Step step = new Step.AwaitTarget(EndReason.TargetPodNotRunning, "waiting", Duration.ofSeconds(3));

    assertThat(recheck(step, status(Phase.Pending))).contains(Duration.ofSeconds(3));
  }

  @Test
  void awaitingApprovalLooksAgainAtTheNextPollOrAtTheDeadlineIfSooner() {
    assertThat(recheck(new Step.AwaitApproval(NOW.plusSeconds(60)), status(Phase.Pending)))
        .contains(Duration.ofSeconds(10));
    assertThat(recheck(new Step.AwaitApproval(NOW.plusSeconds(4)), status(Phase.Pending)))
        .contains(Duration.ofSeconds(4));
  }

  @Test
  void anActiveSessionIsPolledAndLookedAtAgainAtItsDeadline() {
    assertThat(recheck(inject(NOW.plusSeconds(600)), status(Phase.Pending))).contains(Duration.ofSeconds(10));
    assertThat(recheck(inject(NOW.plusSeconds(3)), status(Phase.Pending))).contains(Duration.ofSeconds(3));
  }

  @Test
  void anInjectionThatFailedLeavesNothingToLookAt() {
    Stub refused = new Stub();
    refused.injection = new InjectionResult.Rejected(403, "Forbidden", "violates PodSecurity");

    assertThat(recheck(inject(NOW.plusSeconds(600)), status(Phase.Pending), TIMING, refused)).isEmpty();
  }

  @Test
  void aPodFullOnTheConflictRetryLeavesNothingToLookAt() {
    Stub full = new Stub();
    full.injection = new InjectionResult.NoRoom("pod \"checkout\" already has 10 ephemeral containers");

    assertThat(recheck(inject(NOW.plusSeconds(600)), status(Phase.Pending), TIMING, full)).isEmpty();
  }

  @Test
  void aSignalledContainerIsLookedAtASecondLaterNotAPollLater() {
    Timing longGrace = new Timing(Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(5));

    assertThat(recheck(signal(Signal.TERM), active(NOW))).contains(Duration.ofSeconds(1));
    assertThat(recheck(signal(Signal.KILL), active(NOW))).contains(Duration.ofSeconds(1));
    assertThat(recheck(signal(Signal.TERM), active(NOW), longGrace, new Stub())).contains(Duration.ofSeconds(1));
  }

  @Test
  void aSignalIsLookedAtAgainNoLaterThanItsGraceOrAPollShorterThanASecond() {
    Timing quick = new Timing(Duration.ofMinutes(15), Duration.ofMillis(500), Duration.ofMillis(300),
        Duration.ofMillis(200), Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(5));

    assertThat(recheck(signal(Signal.TERM), active(NOW), quick, new Stub())).contains(Duration.ofMillis(200));
  }

  @Test
  void aFailingStopGoesOnAtOnceAndAnEscalationAtTheNextPoll() {
    assertThat(recheck(new Step.StopFailing(StopCause.EXPIRED, "still running", RUNNING), active(NOW)))
        .contains(Recheck.MINIMUM);
    assertThat(recheck(new Step.EscalateEviction(StopCause.EXPIRED, "evicting", RUNNING), active(NOW)))
        .contains(Duration.ofSeconds(10));
  }

  @Test
  void waitsEndWhenTheStepSaysAndADeadlineAlreadyPassedIsLookedAtSoonButNotInABusyLoop() {
    Step follow = new Step.Follow(RUNNING, NOW.plusSeconds(7));
    Step overdue = new Step.AwaitStop(StopCause.EXPIRED, "waiting", NOW.minusSeconds(1), RUNNING);

    assertThat(recheck(follow, active(NOW.plusSeconds(60)))).contains(Duration.ofSeconds(7));
    assertThat(recheck(overdue, active(NOW))).contains(Recheck.MINIMUM);
  }

  @Test
  void aRefusedEvictionIsTriedAgainAndADoneOneIsSettled() {
    Step evict = new Step.Evict(new Step.Finish(Phase.Expired, EndReason.Expired, StopOutcome.OperatorSignal, "done",
        RUNNING));
    Stub blocked = new Stub();
    blocked.eviction = new EvictionResult.Blocked("PodDisruptionBudget");

    assertThat(recheck(evict, active(NOW), TIMING, blocked)).contains(Duration.ofSeconds(30));
    assertThat(recheck(evict, active(NOW))).isEmpty();
  }

  @Test
  void finalStepsAreSettled() {
    assertThat(recheck(new Step.Deny(EndReason.PolicyDenied, "no"), status(Phase.Pending))).isEmpty();
    assertThat(recheck(new Step.Fail(EndReason.TargetPodNotFound, "gone"), status(Phase.Pending))).isEmpty();
    assertThat(recheck(new Step.Nothing(), status(Phase.Ended))).isEmpty();
  }

  /** What the cluster answers: the container added, the signal delivered, the pod evicted, unless a test says. */
  private static final class Stub implements SessionActions {
    InjectionResult injection = new InjectionResult.Added();
    EvictionResult eviction = new EvictionResult.Evicted();

    @Override
    public InjectionResult inject(String podUid, EphemeralContainer container) {
      return injection;
    }

    @Override
    public SignalResult signal(Signal signal) {
      return SignalResult.delivered(1);
    }

    @Override
    public EvictionResult evictAtExpiry() {
      return eviction;
    }

    @Override
    public EvictionResult evictAfterStopFailure() {
      return eviction;
    }

    @Override
    public Instant now() {
      return NOW;
    }
  }

  private static Optional<Duration> recheck(Step step, DebugSessionStatus before) {
    return recheck(step, before, TIMING, new Stub());
  }

  private static Optional<Duration> recheck(Step step, DebugSessionStatus before, Timing timing, Stub cluster) {
    StatusTransitions next = new StatusTransitions(session().build(), before, NOW);
    return step.accept(new StepApplier(next, cluster, timing));
  }

  private static Step inject(Instant expiresAt) {
    return new Step.Inject("uid", "app", "debugger", expiresAt);
  }

  private static Step.SendSignal signal(Signal signal) {
    return new Step.SendSignal(StopCause.EXPIRED, signal, RUNNING);
  }

  private static DebugSessionStatus status(Phase phase) {
    DebugSessionStatus status = new DebugSessionStatus();
    status.setPhase(phase);
    return status;
  }

  private static DebugSessionStatus active(Instant expiresAt) {
    DebugSessionStatus status = status(Phase.Active);
    status.setExpiresAt(expiresAt.toString());
    status.setPodName("checkout-7d9f");
    status.setContainerName("debugger");
    return status;
  }
}
