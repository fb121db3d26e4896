package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/**
 * The session's state machine as one pure function: from the session, its pod as just read (null when absent) and
 * the time, to the next {@link Step}. Everything it needs to remember between calls is in the session's status.
 * Before the debug container exists {@link PendingPlanner} decides, afterwards {@link ActivePlanner}.
 */
public final class SessionPlanner {

  private final Timing timing;
  private final PendingPlanner pending;
  private final ActivePlanner active;

  public SessionPlanner(Timing timing) {
    this.timing = timing;
    this.pending = new PendingPlanner(timing);
    this.active = new ActivePlanner(timing);
  }

  /** Without policy or identity checks (the lifecycle alone; the operator uses it once the container exists). */
  public Step plan(DebugSession session, Pod pod, Instant now) {
    return plan(session, pod, now,
        PolicyVerdict.unrestricted(Ttl.parseOrDefault(session.getSpec().getTtl(), timing.defaultTtl())));
  }

  public Step plan(DebugSession session, Pod pod, Instant now, PolicyVerdict verdict) {
    DebugSessionStatus status = session.getStatus();
    Phase phase = status == null || status.getPhase() == null ? Phase.Pending : status.getPhase();
    if (phase.isTerminal()) {
      return new Step.Nothing();
    }
    return phase == Phase.Active ? active.plan(session, status, pod, now) : pending.plan(session, pod, now, verdict);
  }
}
