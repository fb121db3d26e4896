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
import io.debugsession.operator.lifecycle.EvictionResult;
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
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  SessionDriver(KubernetesClient client, SessionPlanner planner, EphemeralContainerInjector injector,
      DebugProcessSignaller signaller, PodEvictor evictor, SessionGatekeeper gatekeeper,
      AuditTrail audit, Timing timing, Clock clock) {
    this.client = client;
    this.planner = planner;
    this.injector = injector;
    this.signaller = signaller;
    this.evictor = evictor;
    this.gatekeeper = gatekeeper;
    this.audit = audit;
    this.timing = timing;
    this.clock = clock;
  }

  /** The new status, the Events to record, and when to look again (empty: the session is settled). */
  record Pass(Instant now, Step step, StatusTransitions transitions, Optional<Duration> recheckAfter) {
    boolean settled() {
      return transitions.status().getPhase().isTerminal();
    }
  }

  Pass drive(DebugSession session) {
    Instant now = clock.instant();
    DebugSessionStatus current = session.getStatus();
    Pod pod = current != null && current.getPhase() != null && current.getPhase().isTerminal()
        ? null
        : readPod(session);
    boolean deciding = current == null || current.getPhase() == null || current.getPhase() == Phase.Pending
        || current.getPhase() == Phase.AwaitingApproval;
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
    Optional<Duration> recheck = Optional.empty();
    String namespace = session.getMetadata().getNamespace();
    if (step instanceof Step.Deny s) {
      next.deny(s);
      unaudited.filter(AuditTrail.Refusal::spoolFull).ifPresent(refusal -> next.auditSpoolFull(refusal.message()));
    } else if (step instanceof Step.AwaitApproval s) {
      next.awaitApproval(s);
      // An approval is a spec change and wakes us by itself; the poll notices the deadline and policy changes.
      Instant poll = now.plus(timing.statusPollInterval());
      recheck = Optional.of(until(now, s.deadline().isBefore(poll) ? s.deadline() : poll));
    } else if (step instanceof Step.Evict s) {
      EvictionResult result = evictor.evict(namespace, next.status().getPodName());
      next.evicted(s, result);
      if (result instanceof EvictionResult.Blocked) {
        recheck = Optional.of(timing.evictionRetryInterval());
      }
    } else if (step instanceof Step.EvictionGaveUp s) {
      next.evictionGaveUp(s);
    } else if (step instanceof Step.AwaitTarget s) {
      next.awaitTarget(s);
      recheck = Optional.of(s.recheckAfter());
    } else if (step instanceof Step.Fail s) {
      next.fail(s.reason(), s.message());
    } else if (step instanceof Step.Inject s) {
      var container = DebugContainerFactory.build(session.getSpec(), s.containerName(), s.targetContainer(),
          s.expiresAt(), timing.stopGracePeriod());
      next.injected(s, injector.inject(namespace, session.getSpec().getTarget().getPod(), s.podUid(), container));
      recheck = activeRecheck(next, now);
    } else if (step instanceof Step.Adopt s) {
      next.adopted(s);
      recheck = activeRecheck(next, now);
    } else if (step instanceof Step.Follow s) {
      next.follow(s);
      recheck = Optional.of(until(now, s.nextCheck()));
    } else if (step instanceof Step.Signal s) {
      var status = next.status();
      next.signalled(s, signaller.signal(namespace, status.getPodName(), status.getContainerName(), s.signal()));
      Duration due = "TERM".equals(s.signal()) ? timing.stopGracePeriod() : timing.deadlineSlack();
      recheck = Optional.of(due.compareTo(timing.statusPollInterval()) < 0 ? due : timing.statusPollInterval());
    } else if (step instanceof Step.AwaitStop s) {
      next.awaitStop(s);
      recheck = Optional.of(until(now, s.recheckAt()));
    } else if (step instanceof Step.Finish s) {
      next.finish(s);
    }
    return new Pass(now, step, next, recheck);
  }

  private Optional<Duration> activeRecheck(StatusTransitions next, Instant now) {
    if (next.status().getPhase() != Phase.Active) {
      return Optional.empty();
    }
    Instant expiresAt = Instant.parse(next.status().getExpiresAt());
    Instant poll = now.plus(timing.statusPollInterval());
    return Optional.of(until(now, expiresAt.isBefore(poll) ? expiresAt : poll));
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

  private static Duration until(Instant now, Instant then) {
    Duration d = Duration.between(now, then);
    return d.isNegative() || d.isZero() ? Duration.ofMillis(100) : d;
  }
}
