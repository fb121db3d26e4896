package io.debugsession.operator.reconciler;

import io.debugsession.operator.audit.chain.AuditTrail;
import io.debugsession.operator.adapter.DebugProcessSignaller;
import io.debugsession.operator.adapter.EphemeralContainerInjector;
import io.debugsession.operator.adapter.PodEvictor;
import io.debugsession.operator.adapter.SessionEventRecorder;
import io.debugsession.operator.lifecycle.SessionPlanner;
import io.debugsession.operator.lifecycle.Timing;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/** Wires the reconciler from its adapters; the application's assembly (app.OperatorAssembly) is its one caller. */
public final class DebugSessionReconcilerFactory {

  private DebugSessionReconcilerFactory() {}

  /** {@code evictor} has a client of its own: the caller closes it when the operator stops. */
  public static DebugSessionReconciler create(KubernetesClient client, Timing timing, int conflictRetries,
      DebugProcessSignaller signaller, PolicyVerdicts verdicts, AuditTrail trail, PodEvictor evictor,
      Duration retention, Clock clock, StopMetrics metrics, String operatorVersion) {
    SessionEventRecorder events = new SessionEventRecorder(client);
    SessionDriver driver = new SessionDriver(client, new SessionPlanner(timing),
        new EphemeralContainerInjector(client, conflictRetries), signaller, evictor, verdicts,
        trail, timing, clock, metrics);
    SessionAuditor auditor = new SessionAuditor(trail, metrics::chained, operatorVersion);
    return new DebugSessionReconciler(driver, events, auditor, retention);
  }
}
