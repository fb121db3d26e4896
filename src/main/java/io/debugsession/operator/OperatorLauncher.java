package io.debugsession.operator;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.audit.AuditRecord;
import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.health.ReconcileWatchdog;
import io.debugsession.operator.kube.CrdInstaller;
import io.debugsession.operator.kube.PodEvictor;
import io.debugsession.operator.metrics.SessionMetrics;
import io.debugsession.operator.reconciler.DebugSessionReconcilerFactory;
import io.debugsession.operator.reconciler.StopMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.javaoperatorsdk.operator.processing.Controller;
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
 * Starts java-operator-sdk inside Quarkus with the Quarkus-managed client (the Quarkiverse extension cannot be built
 * here: see DESIGN notes in the README), and stops it with the application.
 */
@ApplicationScoped
public class OperatorLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorLauncher.class);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final MeterRegistry registry;
  private Operator operator;
  private AuditPipeline audit;
  private PodEvictor evictor;
  private ReconcileWatchdog watchdog;
  private LeaderElection leaderElection;

  OperatorLauncher(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.installCrd()) {
      new CrdInstaller(client, config.crdEstablishedTimeout()).installCrds();
    }
    watchdog = new ReconcileWatchdog(MicrometerMetricsV2.newBuilder(registry).build(), Clock.systemUTC());
    if (config.leaderElection().enabled()) {
      leaderElection = new LeaderElection().bind(registry);
    }
    operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(config.serverSideApply())
          .withStopOnInformerErrorDuringStartup(true)
          .withMetrics(watchdog);
      if (leaderElection != null) {
        o.withLeaderElectionConfiguration(leaderElection.configuration(config.leaderElection()));
      }
    });
    audit = AuditPipeline.start(client, config.audit(), Clock.systemUTC());
    AuditMetrics.bind(registry, audit);
    evictor = new PodEvictor(client);
    RegisteredController<DebugSession> controller = operator.register(DebugSessionReconcilerFactory.create(client,
        config, audit.trail(), evictor, Clock.systemUTC(), new StopMetrics().bind(registry)),
        c -> config.namespaces().ifPresent(c::settingNamespaces));
    ControllerEventSource<DebugSession> cache =
        ((Controller<DebugSession>) controller).getEventSourceManager().getControllerEventSource();
    SessionMetrics sessions = new SessionMetrics(registry, cache::list, r -> creationTime(cache, r));
    audit.trail().onChained(sessions::chained);
    operator.start();
    LOG.info("Operator started against {}{}", client.getMasterUrl(),
        config.namespaces().map(n -> ", reconciling the namespaces " + n).orElse(""));
  }

  /** Null until started. */
  Operator operator() {
    return operator;
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
    if (operator != null) {
      operator.stop();
    }
    if (evictor != null) {
      evictor.close();
    }
    if (audit != null) {
      audit.close();
    }
  }

  private static Optional<Instant> creationTime(ControllerEventSource<DebugSession> cache, AuditRecord record) {
    return cache.get(new ResourceID(record.session().name(), record.session().namespace()))
        .map(s -> s.getMetadata().getCreationTimestamp())
        .map(Instant::parse);
  }
}
