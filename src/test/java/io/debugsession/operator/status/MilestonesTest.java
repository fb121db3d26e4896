package io.debugsession.operator.status;

import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.IMAGE_ID;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.POD_UID;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.runningView;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.lifecycle.ApprovalRequirement;
import io.debugsession.operator.lifecycle.ApproverSet;
import io.debugsession.operator.lifecycle.ContainerView;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.EvictionResult;
import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopCause;
import io.debugsession.operator.lifecycle.StopOutcome;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The milestones a pass reaches, each an audit record: recorded where the status change is written, once per session
 * (a pass over a status that already shows it reaches nothing), with how it turned out, in one order.
 */
class MilestonesTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Step.Inject INJECT = new Step.Inject(POD_UID, "app", containerName(), EXPIRES_AT);
  private static final ContainerView EXITED =
      new ContainerView(ContainerView.State.Terminated, "Completed", 0, IMAGE_ID, NOW.minusSeconds(1));
  private static final Step.Finish EXPIRED = new Step.Finish(Phase.Expired, EndReason.Expired,
      StopOutcome.DeadlineWrapper, "TTL reached", EXITED);
  private static final Step.StopFailing FAILING =
      new Step.StopFailing(StopCause.EXPIRED, "still Running after SIGKILL", runningView());

  /** One pass over {@code session}: what {@code steps} write into a copy of its status. */
  private static StatusTransitions pass(DebugSession session, Consumer<StatusTransitions> steps) {
    DebugSessionStatus copy = session.getStatus() == null ? new DebugSessionStatus()
        : SERIALIZATION.clone(session.getStatus());
    StatusTransitions t = new StatusTransitions(session, copy, NOW);
    steps.accept(t);
    return t;
  }

  /** The same session with the status a pass wrote: the next pass starts from it. */
  private static DebugSession after(DebugSession session, StatusTransitions pass) {
    DebugSession next = SERIALIZATION.clone(session);
    next.setStatus(SERIALIZATION.clone(pass.status()));
    return next;
  }

  private static List<Milestone> milestones(StatusTransitions t) {
    return t.milestones().stream().map(Milestone.Reached::milestone).toList();
  }

  private static PolicyVerdict verdict(boolean approvalRequired) {
    ApprovalRequirement approval = approvalRequired ? new ApprovalRequirement(List.of(new ApproverSet("prod",
        List.of("bob"), List.of())), Duration.ofMinutes(30)) : ApprovalRequirement.NONE;
    return new PolicyVerdict(null, List.of(), Duration.ofMinutes(20), approval, null, 10, List.of(),
        OnExpiry.STOP, OnStopFailure.REPORT, List.of("prod"), true);
  }

  private static DebugSession approved(DebugSession session) {
    session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Approved, "bob", null, "INC-42"));
    return session;
  }

  // --- one at a time

  @Test
  void aSessionNeverSeenIsRequestedAndOnlyOnce() {
    DebugSession fresh = session().build();

    StatusTransitions first = pass(fresh, t -> {});
    StatusTransitions second = pass(after(fresh, first), t -> {});

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.REQUESTED, null));
    assertThat(second.milestones()).isEmpty();
  }

  @Test
  void enteringAwaitingApprovalIsReachedOnce() {
    DebugSession pending = session().phase(Phase.Pending).build();
    Step.AwaitApproval wait = new Step.AwaitApproval(NOW.plusSeconds(1800));

    StatusTransitions first = pass(pending, t -> t.awaitApproval(wait));
    StatusTransitions again = pass(after(pending, first), t -> t.awaitApproval(wait));

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.AWAITING_APPROVAL, null));
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void anApprovalThatCountsIsReachedOnceWithApprovedAsItsOutcome() {
    DebugSession waiting = approved(session().phase(Phase.AwaitingApproval).build());
    Step.AwaitTarget look = new Step.AwaitTarget(EndReason.TargetPodNotFound, "Waiting", Duration.ofSeconds(5));

    StatusTransitions first = pass(waiting, t -> t.recordVerdict(verdict(true), look));
    StatusTransitions again = pass(after(waiting, first), t -> t.recordVerdict(verdict(true), look));

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.APPROVED, "Approved"));
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void aDenialIsReachedWithItsReasonAndNotAgain() {
    DebugSession pending = session().phase(Phase.Pending).build();
    Step.Deny deny = new Step.Deny(EndReason.PolicyDenied, "image not allowed");

    StatusTransitions first = pass(pending, t -> t.deny(deny));
    StatusTransitions again = pass(after(pending, first), t -> t.deny(deny));

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.DENIED, "PolicyDenied"));
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void aDenialBecauseNoApprovalCameIsApprovalTimedOut() {
    DebugSession waiting = session().phase(Phase.AwaitingApproval).build();

    StatusTransitions t = pass(waiting, p -> p.deny(new Step.Deny(EndReason.ApprovalTimedOut, "no approval")));

    assertThat(t.milestones())
        .containsExactly(new Milestone.Reached(Milestone.APPROVAL_TIMED_OUT, "ApprovalTimedOut"));
  }

  @Test
  void anInjectionIsReachedOnceWithHowTheContainerCameThere() {
    DebugSession pending = session().phase(Phase.Pending).build();

    StatusTransitions added = pass(pending, t -> t.injected(INJECT, new InjectionResult.Added()));
    StatusTransitions adopted = pass(pending, t -> t.adopted(new Step.Adopt(POD_UID, "app", containerName(),
        EXPIRES_AT, ContainerView.UNKNOWN, null)));
    StatusTransitions again = pass(after(pending, added), t -> t.adopted(new Step.Adopt(POD_UID, "app",
        containerName(), EXPIRES_AT, ContainerView.UNKNOWN, null)));

    assertThat(added.milestones()).containsExactly(new Milestone.Reached(Milestone.INJECTED, "Added"));
    assertThat(adopted.milestones()).containsExactly(new Milestone.Reached(Milestone.INJECTED, "Adopted"));
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void aRejectedInjectionIsAFailureReachedAsEndedWithItsReason() {
    DebugSession pending = session().phase(Phase.Pending).build();

    StatusTransitions t = pass(pending, p -> p.injected(INJECT, new InjectionResult.Rejected(422, "Invalid", "no")));

    assertThat(t.milestones()).containsExactly(new Milestone.Reached(Milestone.ENDED, "InjectionRejected"));
  }

  @Test
  void theContainerRunningIsReachedWhenTheKubeletFirstReportsItRunning() {
    DebugSession pending = session().phase(Phase.Pending).build();
    StatusTransitions injected = pass(pending, t -> t.injected(INJECT, new InjectionResult.Added()));
    ContainerView waiting = new ContainerView(ContainerView.State.Waiting, "ContainerCreating", null, null, null);

    StatusTransitions notYet = pass(after(pending, injected), t -> t.follow(new Step.Follow(waiting, NOW)));
    StatusTransitions running = pass(after(pending, injected), t -> t.follow(new Step.Follow(runningView(), NOW)));
    StatusTransitions still = pass(after(after(pending, injected), running),
        t -> t.follow(new Step.Follow(runningView(), NOW)));

    assertThat(notYet.milestones()).isEmpty();
    assertThat(running.milestones()).containsExactly(new Milestone.Reached(Milestone.CONTAINER_RUNNING, null));
    assertThat(still.milestones()).isEmpty();
  }

  @Test
  void anEndRequestIsReachedOnce() {
    DebugSession active = session().active(EXPIRES_AT).endRequested().build();

    StatusTransitions first = pass(active, t -> t.endRequested(true));
    StatusTransitions again = pass(after(active, first), t -> t.endRequested(true));

    assertThat(milestones(first)).containsExactly(Milestone.END_REQUESTED);
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void aFailingStopIsReachedOnceWhileTheSessionStaysActive() {
    DebugSession active = session().active(EXPIRES_AT).termSentAt(NOW.minusSeconds(20))
        .killSentAt(NOW.minusSeconds(5)).stopCause(StopCause.EXPIRED).build();

    StatusTransitions first = pass(active, t -> new StopTransitions(t).stopFailing(FAILING));
    StatusTransitions again = pass(after(active, first), t -> new StopTransitions(t).stopFailing(FAILING));

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.STOP_FAILED, "StopFailed"));
    assertThat(first.status().getPhase()).isEqualTo(Phase.Active);
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void anExpiryIsReachedWithHowTheContainerStoppedAndNotAgain() {
    DebugSession active = session().active(EXPIRES_AT).build();

    StatusTransitions first = pass(active, t -> t.finish(EXPIRED));
    StatusTransitions again = pass(after(active, first), t -> t.finish(EXPIRED));

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.EXPIRED, "DeadlineWrapper"));
    assertThat(again.milestones()).isEmpty();
  }

  @Test
  void anEndIsReachedAsEnded() {
    DebugSession active = session().active(EXPIRES_AT).build();

    StatusTransitions t = pass(active, p -> p.finish(new Step.Finish(Phase.Ended, EndReason.EndRequested,
        StopOutcome.OperatorSignal, "ended", EXITED)));

    assertThat(t.milestones()).containsExactly(new Milestone.Reached(Milestone.ENDED, "OperatorSignal"));
  }

  @Test
  void aBlockedEvictionIsNoMilestoneAndItsEvictionLaterIs() {
    DebugSession active = session().active(EXPIRES_AT).build();
    Step.Evict evict = new Step.Evict(EXPIRED);

    StatusTransitions blocked = pass(active, t -> new StopTransitions(t).evicted(evict,
        new EvictionResult.Blocked("PDB")));
    StatusTransitions evicted = pass(after(active, blocked), t -> new StopTransitions(t).evicted(evict,
        new EvictionResult.Evicted()));

    assertThat(blocked.milestones()).isEmpty();
    assertThat(evicted.milestones()).containsExactly(new Milestone.Reached(Milestone.EXPIRED, "DeadlineWrapper"),
        new Milestone.Reached(Milestone.EVICTED, "Evicted"));
  }

  @Test
  void anEvictionThatTimedOutIsReachedAsEvictionFailedAfterTheExpiry() {
    DebugSession active = session().active(EXPIRES_AT).build();

    StatusTransitions t = pass(active, p -> new StopTransitions(p).evictionGaveUp(new Step.EvictionGaveUp(EXPIRED)));

    assertThat(t.milestones()).containsExactly(new Milestone.Reached(Milestone.EXPIRED, "DeadlineWrapper"),
        new Milestone.Reached(Milestone.EVICTION_FAILED, "EvictionTimedOut"));
  }

  @Test
  void anEscalatedEvictionIsReachedOnceWhileTheStopGoesOn() {
    DebugSession active = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).build();
    Step.EscalateEviction escalate = new Step.EscalateEviction(StopCause.EXPIRED, "evicting", runningView());

    StatusTransitions first = pass(active, t -> new StopTransitions(t).escalated(escalate,
        new EvictionResult.Evicted()));
    StatusTransitions again = pass(after(active, first), t -> new StopTransitions(t).escalated(escalate,
        new EvictionResult.Gone()));

    assertThat(first.milestones()).containsExactly(new Milestone.Reached(Milestone.EVICTED, "Evicted"));
    assertThat(again.milestones()).isEmpty();
  }

  // --- several in one pass

  @Test
  void aFirstPassThatIsApprovedAndInjectsReachesRequestedApprovedInjectedInThatOrder() {
    DebugSession fresh = approved(session().build());

    StatusTransitions t = pass(fresh, p -> {
      p.recordVerdict(verdict(true), INJECT);
      p.injected(INJECT, new InjectionResult.Added());
    });

    assertThat(milestones(t)).containsExactly(Milestone.REQUESTED, Milestone.APPROVED, Milestone.INJECTED);
  }

  @Test
  void theRecordsOfOnePassFollowTheOrderOfTheFactsNotOfTheCalls() {
    DebugSession fresh = session().endRequested().build();

    StatusTransitions t = pass(fresh, p -> {
      p.endRequested(true);
      p.injected(INJECT, new InjectionResult.Added());
      p.follow(new Step.Follow(runningView(), NOW));
    });

    assertThat(milestones(t)).containsExactly(Milestone.REQUESTED, Milestone.INJECTED, Milestone.CONTAINER_RUNNING,
        Milestone.END_REQUESTED);
  }
}
