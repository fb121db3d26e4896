package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.chain.AuditTrail;
import io.debugsession.operator.audit.sink.AuditSinkStatus;
import io.debugsession.operator.adapter.DebugProcessSignaller;
import io.debugsession.operator.adapter.EphemeralContainerInjector;
import io.debugsession.operator.adapter.PodEvictor;
import io.debugsession.operator.lifecycle.EvictionResult;
import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import io.debugsession.operator.status.SessionActions;
import io.debugsession.operator.lifecycle.SessionPlanner;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.debugsession.operator.status.StatusTransitions;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.status.StepApplier;
import io.debugsession.operator.lifecycle.Timing;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One pass over a session: read its pod, ask the planner, and have {@link StepApplier} carry out the step through the
 * adapters and work out the new status. Shared by reconcile and cleanup so deletion takes the same stop path.
 */
class SessionDriver {

  private final KubernetesClient client;
  private final SessionPlanner planner;
  private final EphemeralContainerInjector injector;
  private final DebugProcessSignaller signaller;
  private final PodEvictor evictor;
  private final PolicyVerdicts verdicts;
  private final AuditTrail audit;
  private final Timing timing;
  private final Clock clock;
  private final StopMetrics metrics;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  SessionDriver(KubernetesClient client, SessionPlanner planner, EphemeralContainerInjector injector,
      DebugProcessSignaller signaller, PodEvictor evictor, PolicyVerdicts verdicts,
      AuditTrail audit, Timing timing, Clock clock, StopMetrics metrics) {
    this.client = client;
    this.planner = planner;
    this.injector = injector;
    this.signaller = signaller;
    this.evictor = evictor;
    this.verdicts = verdicts;
    this.audit = audit;
    this.timing = timing;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The new status, the Events to record, and when to look again (empty: the session is settled). */
  record Pass(Instant now, StatusTransitions transitions, Optional<Duration> recheckAfter) {
    boolean settled() {
      return transitions.status().getPhase().isTerminal();
    }
  }

  Pass drive(DebugSession session) {
    Instant now = clock.instant();
    DebugSessionStatus current = session.getStatus();
    Phase phase = current == null || current.getPhase() == null ? Phase.Pending : current.getPhase();
    Pod pod = phase.isTerminal() ? null : readPod(session);
    boolean deciding = phase.isUndecided();
    PolicyVerdict verdict = deciding ? verdicts.verdictFor(session) : null;
    Step planned = deciding ? planner.plan(session, pod, now, verdict) : planner.plan(session, pod, now);
    Optional<AuditTrail.Refusal> unaudited = planned.startsSession() ? audit.refusal() : Optional.empty();
    Step step = unaudited
        .<Step>map(refusal -> new Step.Deny(AuditSinkStatus.DENIAL_REASON, refusal.message()))
        .orElse(planned);
    StatusTransitions next = new StatusTransitions(session, copy(current), now);
    if (verdict != null) {
      next.recordVerdict(verdict, step);
    }
    if (!phase.isTerminal() && session.getSpec().endRequested()
        && (current == null || current.getEndedByVerified() == null)) {
      next.endRequested(verdicts.identityVerified());
    }
    Optional<Duration> recheck = step.accept(new StepApplier(next, new Actions(session, pod, next, verdict), timing));
    unaudited.filter(AuditTrail.Refusal::spoolFull).ifPresent(refusal -> next.auditSpoolFull(refusal.message()));
    return new Pass(now, next, recheck);
  }

  /** The adapters, bound to one session's pod for one pass. */
  private final class Actions implements SessionActions {

    private final String namespace;
    private final Pod pod;
    private final StatusTransitions next;
    /** Null when the session is already decided: no cap to hold then. */
    private final PolicyVerdict verdict;

    Actions(DebugSession session, Pod pod, StatusTransitions next, PolicyVerdict verdict) {
      this.namespace = session.getMetadata().getNamespace();
      this.pod = pod;
      this.next = next;
      this.verdict = verdict;
    }

    @Override
    public InjectionResult inject(String podUid, EphemeralContainer container) {
      return injector.inject(pod, podUid, container,
          reread -> verdict == null ? Optional.empty() : verdict.podCapDenial(reread));
    }

    @Override
    public SignalResult signal(Signal signal) {
      DebugSessionStatus status = next.status();
      return signaller.signal(namespace, status.getPodName(), status.getContainerName(), signal.name());
    }

    @Override
    public EvictionResult evictAtExpiry() {
      return evictor.evict(namespace, next.status().getPodName());
    }

    @Override
    public EvictionResult evictAfterStopFailure() {
      metrics.escalated();
      return evictAtExpiry();
    }

    @Override
    public Instant now() {
      return clock.instant();
    }
  }

  private Pod readPod(DebugSession session) {
    DebugSessionStatus status = session.getStatus();
    String podName = status != null && status.getPodName() != null
        ? status.getPodName()
        : session.getSpec().getTarget().getPod();
    return client.pods().inNamespace(session.getMetadata().getNamespace()).withName(podName).get();
  }

  private DebugSessionStatus copy(DebugSessionStatus status) {
    return status == null ? new DebugSessionStatus() : serialization.clone(status);
  }
}
