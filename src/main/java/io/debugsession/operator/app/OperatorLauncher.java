package io.debugsession.operator.app;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.sink.JsonLinesSink;
import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.adapter.CrdInstaller;
import io.debugsession.operator.health.ReconcileWatchdog;
import io.debugsession.operator.logging.AuditLogHandler;
import io.debugsession.operator.metrics.SessionMetrics;
import io.debugsession.operator.reconciler.StopMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the {@link OperatorAssembly} inside Quarkus with the Quarkus-managed client, its configuration and metrics
 * registry (the Quarkiverse extension cannot be built here: see DESIGN notes in the README), with what a replica in a
 * cluster adds: leader election, the stuck-reconcile watchdog behind liveness, the session metrics, the audit log's
 * own handler. Stops it with the application.
 */
@ApplicationScoped
public class OperatorLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorLauncher.class);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final MeterRegistry registry;
  private OperatorAssembly assembly;
  private ReconcileWatchdog watchdog;
  private LeaderElection leaderElection;

  OperatorLauncher(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    AuditLogHandler.install(JsonLinesSink.LOG_CATEGORY);
    if (config.installCrd()) {
      new CrdInstaller(client, config.crdEstablishedTimeout()).installCrds();
    }
    LOG.info("JSON readers and writers built in {} ms", SerializationWarmUp.run(client.getKubernetesSerialization())
        .toMillis());
    watchdog = new ReconcileWatchdog(MicrometerMetricsV2.newBuilder(registry).build(), Clock.systemUTC());
    if (config.leaderElection().enabled()) {
      leaderElection = new LeaderElection().bind(registry);
    }
    assembly = OperatorAssembly.start(client, OperatorAssembly.Settings.from(client, config),
        new StopMetrics().bind(registry), o -> {
          o.withMetrics(watchdog);
          if (leaderElection != null) {
            o.withLeaderElectionConfiguration(leaderElection.configuration(config.leaderElection()));
          }
        });
    AuditMetrics.bind(registry, assembly.audit());
    ControllerEventSource<DebugSession> cache = assembly.sessionCache();
    SessionMetrics sessions = new SessionMetrics(registry, cache::list, r -> creationTime(cache, r));
    assembly.audit().trail().onChained(sessions::chained);
    LOG.info("Operator started against {}{}", client.getMasterUrl(),
        config.namespaces().map(n -> ", reconciling the namespaces " + n).orElse(""));
  }

  /** Null until started. */
  Operator operator() {
    return assembly == null ? null : assembly.operator();
  }

  /** Null until started. */
  ReconcileWatchdog watchdog() {
    return watchdog;
  }

  /** Whether this replica reconciles: it holds the Lease, or there is no leader election. */
  boolean leading() {
    return leaderElection == null || leaderElection.leading();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (leaderElection != null) {
      leaderElection.shuttingDown();
    }
    if (assembly != null) {
      assembly.close();
    }
  }

  private static Optional<Instant> creationTime(ControllerEventSource<DebugSession> cache, AuditRecord record) {
    return cache.get(new ResourceID(record.session().name(), record.session().namespace()))
        .map(s -> s.getMetadata().getCreationTimestamp())
        .map(Instant::parse);
  }
}
