package io.debugsession.operator.app;

import io.debugsession.operator.OperatorVersion;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.adapter.ExecDebugProcessSignaller;
import io.debugsession.operator.adapter.IdentityPolicyProbe;
import io.debugsession.operator.adapter.PodEvictor;
import io.debugsession.operator.lifecycle.Timing;
import io.debugsession.operator.policy.BuiltInPolicy;
import io.debugsession.operator.reconciler.ClusterPolicyVerdicts;
import io.debugsession.operator.reconciler.DebugSessionReconcilerFactory;
import io.debugsession.operator.reconciler.StopMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The operator put together, the one place that does it: the audit trail with its sinks, the reconciler with its
 * adapters, and java-operator-sdk around them. The CDI launcher starts it from {@link OperatorConfig}; the tests
 * start it with settings of their own (faster timing, one namespace, their own log lines), so that what they run is
 * what ships.
 */
public final class OperatorAssembly implements AutoCloseable {

  /**
   * What the operator is assembled with, besides the client.
   *
   * @param namespaces the namespaces whose DebugSessions it reconciles; empty: all of them
   */
  public record Settings(Timing timing, Duration execTimeout, int conflictRetries, boolean serverSideApply,
      boolean requireVerifiedRequester, Duration retention, AuditPipeline.Settings audit, Set<String> namespaces,
      Clock clock) {

    /** The operator's configuration, on the system clock, for every namespace. */
    public static Settings from(KubernetesClient client, OperatorConfig config) {
      return new Settings(timing(config), config.execTimeout(), config.conflictRetries(),
          config.serverSideApply(), config.requireVerifiedRequester(), config.retention(),
          AuditPipeline.Settings.from(client, config.audit()), config.namespaces().orElse(Set.of()),
          Clock.systemUTC());
    }

    private static Timing timing(OperatorConfig config) {
      return new Timing(
          // The TTL of a new session comes from its policy (PolicyVerdict); this one only serves a plan without
          // one, which the operator makes for sessions already started, whose deadline is in their status.
          BuiltInPolicy.DEFAULT_TTL,
          config.stopGracePeriod(),
          config.deadlineSlack(),
          config.statusPollInterval(),
          config.pendingTimeout(),
          config.evictionRetryInterval(),
          config.evictionTimeout());
    }
  }

  private final Operator operator;
  private final RegisteredController<DebugSession> controller;
  private final AuditPipeline audit;
  private final PodEvictor evictor;

  private OperatorAssembly(Operator operator, RegisteredController<DebugSession> controller, AuditPipeline audit,
      PodEvictor evictor) {
    this.operator = operator;
    this.controller = controller;
    this.audit = audit;
    this.evictor = evictor;
  }

  /**
   * Starts the audit trail, then the operator.
   *
   * @param metrics the stop metrics (bound to a registry by the launcher)
   * @param sdk further java-operator-sdk options: the launcher's metrics and leader election, a test's cache timeout
   */
  public static OperatorAssembly start(KubernetesClient client, Settings settings, StopMetrics metrics,
      Consumer<ConfigurationServiceOverrider> sdk) {
    AuditPipeline audit = AuditPipeline.start(client, settings.audit(), settings.clock());
    PodEvictor evictor = new PodEvictor(client);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
          .withStopOnInformerErrorDuringStartup(true);
      sdk.accept(o);
    });
    var reconciler = DebugSessionReconcilerFactory.create(client, settings.timing(), settings.conflictRetries(),
        new ExecDebugProcessSignaller(client, settings.execTimeout()),
        new ClusterPolicyVerdicts(client, new IdentityPolicyProbe(client, settings.clock()),
            settings.requireVerifiedRequester()),
        audit.trail(), evictor, settings.retention(), settings.clock(), metrics, OperatorVersion.current());
    RegisteredController<DebugSession> controller = operator.register(reconciler, c -> {
      if (!settings.namespaces().isEmpty()) {
        c.settingNamespaces(settings.namespaces());
      }
    });
    operator.start();
    return new OperatorAssembly(operator, controller, audit, evictor);
  }

  public Operator operator() {
    return operator;
  }

  public AuditPipeline audit() {
    return audit;
  }

  /** The DebugSessions as this replica's informer sees them, leader or not: what the session gauges count. */
  public ControllerEventSource<DebugSession> sessionCache() {
    return ((Controller<DebugSession>) controller).getEventSourceManager().getControllerEventSource();
  }

  @Override
  public void close() {
    operator.stop();
    evictor.close();
    audit.close();
  }
}
