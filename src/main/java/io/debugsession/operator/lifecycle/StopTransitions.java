package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.EvictionStatus;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import java.time.Instant;
import java.util.Objects;

/** The stop and eviction part of {@link StatusTransitions}: signals sent, waits, a failing stop, the pod's eviction. */
final class StopTransitions {

  private final StatusTransitions t;

  StopTransitions(StatusTransitions transitions) {
    this.t = transitions;
  }

  void signalled(Step.SendSignal step, SignalResult result, Instant sentAt) {
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
      t.condition(Conditions.STOPPED, false, "Stopping", message);
    }
    t.events().add(result.ok()
        ? SessionEvent.normal("Signalled", message)
        : SessionEvent.warning("SignalFailed", message));
  }

  void awaitStop(Step.AwaitStop step) {
    StopStatus stop = stopFor(step.cause());
    t.followContainer(step.container());
    t.status().setMessage(step.message());
    if (stop.getFailingSince() == null) {
      t.condition(Conditions.STOPPED, false, "Stopping", step.message());
    }
  }

  /** The container survived KILL: say so once, loudly; the session stays Active and the stop goes on. */
  void stopFailing(Step.StopFailing step) {
    StopStatus stop = stopFor(step.cause());
    stop.setFailingSince(t.now().toString());
    t.followContainer(step.container());
    t.status().setMessage(step.message());
    t.condition(Conditions.STOPPED, false, StopOutcome.StopFailed.name(), step.message());
    t.condition(Conditions.STOP_FAILING, true, "StillRunningAfterKill", step.message());
    t.events().add(SessionEvent.warning(Conditions.STOP_FAILING, step.message()));
  }

  /** After evicting the pod of a failing stop: the session stays Active until the kubelet or the pod's loss ends it. */
  void escalated(Step.EscalateEviction step, EvictionResult result) {
    EvictionStatus eviction = attempted();
    t.followContainer(step.container());
    String pod = t.status().getPodName();
    String message;
    if (result instanceof EvictionResult.Blocked blocked) {
      eviction.setBlockedBy(blocked.why());
      message = step.message() + ": blocked, retrying: " + blocked.why();
      t.condition(Conditions.EVICTED, false, EvictionReason.Blocked.name(), message);
      t.events().add(SessionEvent.warning("EvictionBlocked", message));
    } else {
      eviction.setEvictedAt(t.now().toString());
      eviction.setBlockedBy(null);
      message = step.message() + ": " + (result instanceof EvictionResult.Gone ? "the pod is already gone"
          : "evicted; waiting for the kubelet to stop its containers");
      t.condition(Conditions.EVICTED, true, EvictionReason.Evicted.name(),
          "Pod " + pod + " evicted: its debug container survived SIGKILL");
      t.events().add(SessionEvent.warning("EvictedAfterStopFailure", message));
    }
    t.status().setMessage(message);
  }
  /** After an eviction attempt: finish, or record the refusal and stay Active until the eviction timeout. */
  void evicted(Step.Evict step, EvictionResult result) {
    EvictionStatus eviction = attempted();
    if (result instanceof EvictionResult.Blocked blocked) {
      eviction.setBlockedBy(blocked.why());
      String message = "TTL reached: evicting pod " + t.status().getPodName() + " is blocked, retrying: "
          + blocked.why();
      if (!Objects.equals(t.status().getMessage(), message)) {
        t.events().add(SessionEvent.warning("EvictionBlocked", message));
      }
      t.status().setMessage(message);
      t.condition(Conditions.EVICTED, false, EvictionReason.Blocked.name(), message);
      t.followContainer(step.then().container());
      return;
    }
    Step.Finish then = step.then();
    String message = then.message();
    if (result instanceof EvictionResult.Evicted) {
      eviction.setEvictedAt(t.now().toString());
      eviction.setBlockedBy(null);
      message += "; pod " + t.status().getPodName() + " was evicted so that its controller replaces it without the "
          + "debug container";
      t.condition(Conditions.EVICTED, true, EvictionReason.Evicted.name(),
          "Pod " + t.status().getPodName() + " evicted");
      t.events().add(SessionEvent.normal("Evicted", "Pod " + t.status().getPodName() + " evicted at expiry"));
    }
    t.finish(new Step.Finish(then.phase(), then.endReason(), then.outcome(), message, then.container()));
  }

  void evictionGaveUp(Step.EvictionGaveUp step) {
    t.condition(Conditions.EVICTED, false, EvictionReason.EvictionTimedOut.name(), step.then().message());
    t.events().add(SessionEvent.warning("EvictionFailed", step.then().message()));
    t.finish(step.then());
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
