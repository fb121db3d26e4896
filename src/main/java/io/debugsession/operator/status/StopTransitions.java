package io.debugsession.operator.status;

import io.debugsession.operator.api.v1alpha1.EvictionStatus;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.debugsession.operator.lifecycle.EvictionReason;
import io.debugsession.operator.lifecycle.EvictionResult;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopCause;
import java.time.Instant;
import java.util.Objects;

/**
 * The stop and eviction steps' status: signals sent, waits, a failing stop, the pod's eviction. Writes through the
 * session's {@link StatusTransitions} (its conditions, Events and milestones), which knows nothing of this class.
 */
public final class StopTransitions {

  private final StatusTransitions t;

  public StopTransitions(StatusTransitions transitions) {
    this.t = transitions;
  }

  public StatusTransitions signalled(Step.SendSignal step, SignalResult result, Instant sentAt) {
    StopStatus stop = stopFor(step.cause());
    if (step.signal() == Signal.TERM) {
      stop.setTermSentAt(sentAt.toString());
    } else {
      // Sent or not (a 500, a timeout), it counts as an attempt: only the kubelet's report ends the stop.
      stop.setKillSentAt(sentAt.toString());
      stop.setKillAttempts(stop.getKillAttempts() == null ? 1 : stop.getKillAttempts() + 1);
    }
    stop.setSignalledProcesses(result.signalled());
    if (!result.ok()) {
      stop.setLastError(result.error());
    }
    t.followContainer(step.container());
    String message = result.ok()
        ? "Sent SIG" + step.signal() + " to " + result.signalled() + " process(es) of debug container "
            + t.status().getContainerName()
        : "Could not send SIG" + step.signal() + " to debug container " + t.status().getContainerName() + ": "
            + result.error();
    t.status().setMessage(message);
    if (stop.getFailingSince() == null) {
      t.condition(ConditionType.Stopped, false, "Stopping", message);
    }
    t.events().add(result.ok()
        ? SessionEvent.normal(EventReason.Signalled, message)
        : SessionEvent.warning(EventReason.SignalFailed, message));
    return t;
  }

  public StatusTransitions awaitStop(Step.AwaitStop step) {
    StopStatus stop = stopFor(step.cause());
    t.followContainer(step.container());
    t.status().setMessage(step.message());
    if (stop.getFailingSince() == null) {
      t.condition(ConditionType.Stopped, false, "Stopping", step.message());
    }
    return t;
  }

  /** The container survived KILL: say so once, loudly; the session stays Active and the stop goes on. */
  public StatusTransitions stopFailing(Step.StopFailing step) {
    StopStatus stop = stopFor(step.cause());
    stop.setFailingSince(t.now().toString());
    t.followContainer(step.container());
    t.status().setMessage(step.message());
    t.markStopFailing(step.message());
    t.events().add(SessionEvent.warning(EventReason.StopFailing, step.message()));
    return t;
  }

  /** After evicting the pod of a failing stop: the session stays Active until the kubelet or the pod's loss ends it. */
  public StatusTransitions escalated(Step.EscalateEviction step, EvictionResult result) {
    EvictionStatus eviction = attempted();
    t.followContainer(step.container());
    String pod = t.status().getPodName();
    String message;
    if (result instanceof EvictionResult.Blocked blocked) {
      eviction.setBlockedBy(blocked.why());
      message = step.message() + ": blocked, retrying: " + blocked.why();
      t.evictionCondition(EvictionReason.Blocked, false, message);
      t.events().add(SessionEvent.warning(EventReason.EvictionBlocked, message));
    } else {
      eviction.setEvictedAt(t.now().toString());
      eviction.setBlockedBy(null);
      message = step.message() + ": " + (result instanceof EvictionResult.Gone ? "the pod is already gone"
          : "evicted; waiting for the kubelet to stop its containers");
      t.evictionCondition(EvictionReason.Evicted, true, "Pod " + pod + " evicted: its debug container survived SIGKILL");
      t.events().add(SessionEvent.warning(EventReason.EvictedAfterStopFailure, message));
    }
    t.status().setMessage(message);
    return t;
  }

  /** After an eviction attempt: finish, or record the refusal and stay Active until the eviction timeout. */
  public StatusTransitions evicted(Step.Evict step, EvictionResult result) {
    EvictionStatus eviction = attempted();
    if (result instanceof EvictionResult.Blocked blocked) {
      eviction.setBlockedBy(blocked.why());
      String message = "TTL reached: evicting pod " + t.status().getPodName() + " is blocked, retrying: "
          + blocked.why();
      if (!Objects.equals(t.status().getMessage(), message)) {
        t.events().add(SessionEvent.warning(EventReason.EvictionBlocked, message));
      }
      t.status().setMessage(message);
      t.evictionCondition(EvictionReason.Blocked, false, message);
      t.followContainer(step.then().container());
      return t;
    }
    Step.Finish then = step.then();
    String message = then.message();
    if (result instanceof EvictionResult.Evicted) {
      eviction.setEvictedAt(t.now().toString());
      eviction.setBlockedBy(null);
      message += "; pod " + t.status().getPodName() + " was evicted so that its controller replaces it without the "
          + "debug container";
      t.evictionCondition(EvictionReason.Evicted, true, "Pod " + t.status().getPodName() + " evicted");
      t.events().add(SessionEvent.normal(EventReason.Evicted, "Pod " + t.status().getPodName() + " evicted at expiry"));
    }
    t.finish(new Step.Finish(then.phase(), then.endReason(), then.outcome(), message, then.container()));
    return t;
  }

  public StatusTransitions evictionGaveUp(Step.EvictionGaveUp step) {
    t.evictionCondition(EvictionReason.EvictionTimedOut, false, step.then().message());
    t.events().add(SessionEvent.warning(EventReason.EvictionFailed, step.then().message()));
    t.finish(step.then());
    return t;
  }

  private EvictionStatus attempted() {
    if (t.status().getEviction() == null) {
      t.status().setEviction(new EvictionStatus());
    }
    EvictionStatus eviction = t.status().getEviction();
    if (eviction.getFirstAttemptAt() == null) {
      eviction.setFirstAttemptAt(t.now().toString());
    }
    eviction.setLastAttemptAt(t.now().toString());
    return eviction;
  }

  private StopStatus stopFor(StopCause cause) {
    if (t.status().getStop() == null) {
      t.status().setStop(new StopStatus());
    }
    if (t.status().getStop().getCause() == null) {
      t.status().getStop().setCause(cause.reason().name());
    }
    return t.status().getStop();
  }
}
