package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.AuditTrail;
import io.debugsession.operator.audit.sink.AuditSinkStatus;
import io.debugsession.operator.kube.DebugProcessSignaller;
import io.debugsession.operator.kube.EphemeralContainerInjector;
import io.debugsession.operator.kube.PodEvictor;
import io.debugsession.operator.lifecycle.DebugContainerFactory;
import io.debugsession.operator.lifecycle.Recheck;
import io.debugsession.operator.lifecycle.SessionGate;
import io.debugsession.operator.lifecycle.SessionPlanner;
import io.debugsession.operator.lifecycle.StatusTransitions;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.Timing;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One pass over a session: read its pod, ask the planner, carry out the one action the step names (add the container
 * or send a signal), and work out the new status. Shared by reconcile and cleanup so deletion takes the same stop path.
 */
class SessionDriver {

  private final KubernetesClient client;
  private final SessionPlanner planner;
  private final EphemeralContainerInjector injector;
  private final DebugProcessSignaller signaller;
  private final PodEvictor evictor;
  private final SessionGatekeeper gatekeeper;
  private final AuditTrail audit;
  private final Timing timing;
  private final Clock clock;
  private final StopMetrics metrics;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  SessionDriver(KubernetesClient client, SessionPlanner planner, EphemeralContainerInjector injector,
      DebugProcessSignaller signaller, PodEvictor evictor, SessionGatekeeper gatekeeper,
      AuditTrail audit, Timing timing, Clock clock, StopMetrics metrics) {
    this.client = client;
    this.planner = planner;
    this.injector = injector;
    this.signaller = signaller;
    this.evictor = evictor;
    this.gatekeeper = gatekeeper;
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
    SessionGate gate = deciding ? gatekeeper.gateFor(session) : null;
    Step planned = deciding ? planner.plan(session, pod, now, gate) : planner.plan(session, pod, now);
    // A session about to start (or to wait for an approver) is refused while the audit trail could not record it;
    // every other step (adopting a container already there, failing, ending) goes ahead.
    Optional<AuditTrail.Refusal> unaudited = planned instanceof Step.Inject || planned instanceof Step.AwaitApproval
        ? audit.refusal()
        : Optional.empty();
    Step step = unaudited
        .<Step>map(refusal -> new Step.Deny(AuditSinkStatus.DENIAL_REASON, refusal.message()))
        .orElse(planned);
    StatusTransitions next = new StatusTransitions(session, copy(current), now);
    if (gate != null) {
      next.recordGate(gate, step);
    }
    if (!phase.isTerminal() && session.getSpec().endRequested()
        && (current == null || current.getEndedByVerified() == null)) {
      next.endRequested(gatekeeper.identityVerified());
    }
    String namespace = session.getMetadata().getNamespace();
    if (step instanceof Step.Deny s) {
      next.deny(s);
      unaudited.filter(AuditTrail.Refusal::spoolFull).ifPresent(refusal -> next.auditSpoolFull(refusal.message()));
    } else if (step instanceof Step.AwaitApproval s) {
      next.awaitApproval(s);
    } else if (step instanceof Step.Evict s) {
      next.evicted(s, evictor.evict(namespace, next.status().getPodName()));
    } else if (step instanceof Step.EvictionGaveUp s) {
      next.evictionGaveUp(s);
    } else if (step instanceof Step.AwaitTarget s) {
      next.awaitTarget(s);
    } else if (step instanceof Step.Fail s) {
      next.fail(s.reason(), s.message());
    } else if (step instanceof Step.Inject s) {
      var container = DebugContainerFactory.build(session.getSpec(), s.containerName(), s.targetContainer(),
          s.expiresAt(), timing.stopGracePeriod());
      String podName = pod.getMetadata().getName();
      next.injected(s, injector.inject(pod, s.podUid(), container,
          held -> gate.podCap().denial(podName, held).isEmpty()));
    } else if (step instanceof Step.Adopt s) {
      next.adopted(s);
    } else if (step instanceof Step.Follow s) {
      next.follow(s);
    } else if (step instanceof Step.Signal s) {
      var status = next.status();
      var result = signaller.signal(namespace, status.getPodName(), status.getContainerName(), s.signal());
      next.signalled(s, result, clock.instant());
    } else if (step instanceof Step.StopFailing s) {
      next.stopFailing(s);
      metrics.stopFailed();
    } else if (step instanceof Step.EscalateEviction s) {
      next.escalated(s, evictor.evict(namespace, next.status().getPodName()));
      metrics.escalated();
    } else if (step instanceof Step.AwaitStop s) {
      next.awaitStop(s);
    } else if (step instanceof Step.Finish s) {
      next.finish(s);
    }
    return new Pass(now, next, Recheck.after(step, next.status(), now, timing));
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
