package io.debugsession.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When the reconciler looks at a session again after each kind of step. */
class RecheckTest {

  private static final Instant NOW = Instant.parse("2030-05-01T10:00:00Z");
  /** Grace 10s, slack 5s, poll 10s, eviction retried every 30s. */
  private static final Timing TIMING = new Timing(Duration.ofMinutes(15), Duration.ofSeconds(10),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30),
      Duration.ofMinutes(5));
  private static final ContainerView RUNNING = new ContainerView(ContainerView.State.Running, null, null, null, null);

  @Test
  void awaitingTheTargetLooksAgainWhenThePlannerSaid() {
    Step step = new Step.AwaitTarget("PodNotRunning", "waiting", Duration.ofSeconds(3));

    assertThat(Recheck.after(step, status(Phase.Pending), NOW, TIMING)).contains(Duration.ofSeconds(3));
  }

  @Test
  void awaitingApprovalLooksAgainAtTheNextPollOrAtTheDeadlineIfSooner() {
    assertThat(Recheck.after(new Step.AwaitApproval(NOW.plusSeconds(60)), status(Phase.AwaitingApproval), NOW,
        TIMING)).contains(Duration.ofSeconds(10));
    assertThat(Recheck.after(new Step.AwaitApproval(NOW.plusSeconds(4)), status(Phase.AwaitingApproval), NOW,
        TIMING)).contains(Duration.ofSeconds(4));
  }

  @Test
  void anActiveSessionIsPolledAndLookedAtAgainAtItsDeadline() {
    Step inject = new Step.Inject("uid", "app", "debugger", NOW.plusSeconds(3));

    assertThat(Recheck.after(inject, active(NOW.plusSeconds(600)), NOW, TIMING)).contains(Duration.ofSeconds(10));
    assertThat(Recheck.after(inject, active(NOW.plusSeconds(3)), NOW, TIMING)).contains(Duration.ofSeconds(3));
  }

  @Test
  void anInjectionThatFailedLeavesNothingToLookAt() {
    Step inject = new Step.Inject("uid", "app", "debugger", NOW.plusSeconds(600));

    assertThat(Recheck.after(inject, status(Phase.Failed), NOW, TIMING)).isEmpty();
  }

  @Test
  void afterTermTheGracePeriodAndAfterKillTheSlackButNeverLaterThanThePoll() {
    Timing longGrace = new Timing(Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(5));

    assertThat(Recheck.after(signal("TERM"), active(NOW), NOW, TIMING)).contains(Duration.ofSeconds(10));
    assertThat(Recheck.after(signal("KILL"), active(NOW), NOW, TIMING)).contains(Duration.ofSeconds(5));
    assertThat(Recheck.after(signal("TERM"), active(NOW), NOW, longGrace)).contains(Duration.ofSeconds(10));
  }

  @Test
  void waitsEndWhenTheStepSaysAndADeadlineAlreadyPassedIsLookedAtSoonButNotInABusyLoop() {
    Step follow = new Step.Follow(RUNNING, NOW.plusSeconds(7));
    Step overdue = new Step.AwaitStop(StopCause.EXPIRED, "waiting", NOW.minusSeconds(1), RUNNING);

    assertThat(Recheck.after(follow, active(NOW.plusSeconds(60)), NOW, TIMING)).contains(Duration.ofSeconds(7));
    assertThat(Recheck.after(overdue, active(NOW), NOW, TIMING)).contains(Recheck.MINIMUM);
  }

  @Test
  void aRefusedEvictionIsTriedAgainAndADoneOneIsSettled() {
    Step evict = new Step.Evict(new Step.Finish(Phase.Expired, "Expired", StopOutcome.OperatorSignal, "done",
        RUNNING));

    assertThat(Recheck.after(evict, active(NOW), NOW, TIMING)).contains(Duration.ofSeconds(30));
    assertThat(Recheck.after(evict, status(Phase.Expired), NOW, TIMING)).isEmpty();
  }

  @Test
  void finalStepsAreSettled() {
    assertThat(Recheck.after(new Step.Deny("PolicyDenied", "no"), status(Phase.Denied), NOW, TIMING)).isEmpty();
    assertThat(Recheck.after(new Step.Fail("TargetPodNotFound", "gone"), status(Phase.Failed), NOW, TIMING))
        .isEmpty();
    assertThat(Recheck.after(new Step.Nothing(), status(Phase.Ended), NOW, TIMING)).isEmpty();
  }

  private static Step.Signal signal(String signal) {
    return new Step.Signal(StopCause.EXPIRED, signal, RUNNING);
  }

  private static DebugSessionStatus status(Phase phase) {
    DebugSessionStatus status = new DebugSessionStatus();
    status.setPhase(phase);
    return status;
  }

  private static DebugSessionStatus active(Instant expiresAt) {
    DebugSessionStatus status = status(Phase.Active);
    status.setExpiresAt(expiresAt.toString());
    return status;
  }
}
