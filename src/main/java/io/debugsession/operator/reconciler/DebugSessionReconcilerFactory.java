package io.debugsession.operator.reconciler;

import io.debugsession.operator.OperatorVersion;
import io.debugsession.operator.audit.AuditTrail;
import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.kube.DebugProcessSignaller;
import io.debugsession.operator.kube.EphemeralContainerInjector;
import io.debugsession.operator.kube.ExecDebugProcessSignaller;
import io.debugsession.operator.kube.IdentityPolicyProbe;
import io.debugsession.operator.kube.PodEvictor;
import io.debugsession.operator.kube.SessionEventRecorder;
import io.debugsession.operator.lifecycle.SessionPlanner;
import io.debugsession.operator.lifecycle.Timing;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;

/** Wires the reconciler from a client and the configuration; tests use it with the mock server's client. */
public final class DebugSessionReconcilerFactory {

  private DebugSessionReconcilerFactory() {}

  /** {@code evictor} has a client of its own: the caller closes it when the operator stops. */
  public static DebugSessionReconciler create(KubernetesClient client, OperatorConfig config, AuditTrail trail,
      PodEvictor evictor, Clock clock, StopMetrics metrics) {
    return create(client, Timing.from(config), config.conflictRetries(),
        new ExecDebugProcessSignaller(client, config.execTimeout()),
        new ClusterPolicyVerdicts(client, new IdentityPolicyProbe(client, clock),
            config.requireVerifiedRequester()),
        trail, evictor, config.retention(), clock, metrics);
  }

  public static DebugSessionReconciler create(KubernetesClient client, Timing timing, int conflictRetries,
      DebugProcessSignaller signaller, PolicyVerdicts verdicts, AuditTrail trail, PodEvictor evictor,
      Duration retention, Clock clock) {
    return create(client, timing, conflictRetries, signaller, verdicts, trail, evictor, retention, clock,
        new StopMetrics());
  }

  public static DebugSessionReconciler create(KubernetesClient client, Timing timing, int conflictRetries,
      DebugProcessSignaller signaller, PolicyVerdicts verdicts, AuditTrail trail, PodEvictor evictor,
      Duration retention, Clock clock, StopMetrics metrics) {
    SessionEventRecorder events = new SessionEventRecorder(client);
    SessionDriver driver = new SessionDriver(client, new SessionPlanner(timing),
        new EphemeralContainerInjector(client, conflictRetries), signaller, evictor, verdicts,
        trail, timing, clock, metrics);
    SessionAuditor auditor = new SessionAuditor(trail, metrics::chained, OperatorVersion.current());
    return new DebugSessionReconciler(driver, events, auditor, retention);
  }
}
