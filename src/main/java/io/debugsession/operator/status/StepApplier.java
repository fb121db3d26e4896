package io.debugsession.operator.status;

import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.container.DebugContainerFactory;
import io.debugsession.operator.lifecycle.SessionFacts;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one interpretation of a {@link Step}: carries out the action it names through {@link SessionActions}, turns
 * what that gave into the next status ({@link StatusTransitions}, {@link StopTransitions} for stops and evictions),
 * which also records the milestones the audit trail writes, and says when to look at the session again (empty: it is
 * settled, or only an event can change it). A new step fails to compile here, and only here.
 */
public final class StepApplier implements Step.Visitor<Optional<Duration>> {

  private final StatusTransitions next;
  private final StopTransitions stops;
  private final SessionActions actions;
  private final Timing timing;
  private final Instant now;

  public StepApplier(StatusTransitions next, SessionActions actions, Timing timing) {
    this.next = next;
    this.stops = new StopTransitions(next);
    this.actions = actions;
    this.timing = timing;
    this.now = next.now();
  }

  @Override
  public Optional<Duration> nothing(Step.Nothing step) {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> awaitTarget(Step.AwaitTarget step) {
    next.awaitTarget(step);
    return Optional.of(step.recheckAfter());
  }

  @Override
  public Optional<Duration> fail(Step.Fail step) {
    next.fail(step);
    return Optional.empty();
  }

  @Override
  public Optional<Duration> deny(Step.Deny step) {
    next.deny(step);
    return Optional.empty();
  }

  @Override
  public Optional<Duration> awaitApproval(Step.AwaitApproval step) {
    next.awaitApproval(step);
    // An approval is a spec change and wakes us by itself; the poll notices the deadline and policy changes.
    return Recheck.at(now, SessionFacts.earliest(step.deadline(), poll()));
  }

  @Override
  public Optional<Duration> inject(Step.Inject step) {
    var container = DebugContainerFactory.build(next.session().getSpec(), step.containerName(),
        step.targetContainer(), step.expiresAt(), timing.stopGracePeriod());
    next.injected(step, actions.inject(step.podUid(), container));
    return untilExpiryIfActive();
  }

  @Override
  public Optional<Duration> adopt(Step.Adopt step) {
    next.adopted(step);
    return untilExpiryIfActive();
  }

  @Override
  public Optional<Duration> follow(Step.Follow step) {
    next.follow(step);
    return Recheck.at(now, step.nextCheck());
  }

  @Override
  public Optional<Duration> sendSignal(Step.SendSignal step) {
    SignalResult result = actions.signal(step.signal());
    stops.signalled(step, result, actions.now());
    // After TERM the grace period runs before KILL; after KILL the slack before the stop is declared failed. A
    // signalled container usually ends at once: look a second later rather than a poll later.
    Duration due = step.signal() == Signal.TERM ? timing.stopGracePeriod() : timing.deadlineSlack();
    return Recheck.at(now, SessionFacts.earliest(now.plus(due), now.plus(timing.stopLookAfter(Duration.ZERO))));
  }

  @Override
  public Optional<Duration> awaitStop(Step.AwaitStop step) {
    stops.awaitStop(step);
    return Recheck.at(now, step.recheckAt());
  }

  @Override
  public Optional<Duration> stopFailing(Step.StopFailing step) {
    stops.stopFailing(step);
    // Recorded: go on at once with the retry or the eviction the planner decides next.
    return Optional.of(Recheck.MINIMUM);
  }

  @Override
  public Optional<Duration> escalateEviction(Step.EscalateEviction step) {
    stops.escalated(step, actions.evictAfterStopFailure());
    return Recheck.at(now, poll());
  }

  @Override
  public Optional<Duration> evict(Step.Evict step) {
    stops.evicted(step, actions.evictAtExpiry());
    // Still not final: the eviction was refused (a PodDisruptionBudget) and is tried again.
    return next.status().getPhase().isTerminal() ? Optional.empty() : Optional.of(timing.evictionRetryInterval());
  }

  @Override
  public Optional<Duration> evictionGaveUp(Step.EvictionGaveUp step) {
    stops.evictionGaveUp(step);
    return Optional.empty();
  }

  @Override
  public Optional<Duration> finish(Step.Finish step) {
    next.finish(step);
    return Optional.empty();
  }

  /** Once Active, at the deadline or the next poll; nothing to wait for when the container could not be added. */
  private Optional<Duration> untilExpiryIfActive() {
    return next.status().getPhase() == Phase.Active
        ? Recheck.at(now, SessionFacts.earliest(Instant.parse(next.status().getExpiresAt()), poll()))
        : Optional.empty();
  }

  private Instant poll() {
    return now.plus(timing.statusPollInterval());
  }
}
