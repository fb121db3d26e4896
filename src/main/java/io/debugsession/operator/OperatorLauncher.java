package io.debugsession.operator;

import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.kube.CrdInstaller;
import io.debugsession.operator.kube.PodEvictor;
import io.debugsession.operator.reconciler.DebugSessionReconcilerFactory;
import io.debugsession.operator.reconciler.StopMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
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

  OperatorLauncher(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.installCrd()) {
      new CrdInstaller(client, config.crdEstablishedTimeout()).installCrds();
    }
    operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(config.serverSideApply())
          .withStopOnInformerErrorDuringStartup(true)
          .withMetrics(MicrometerMetricsV2.newBuilder(registry).build());
      if (config.leaderElection().enabled()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
            config.leaderElection().leaseName(), config.leaderElection().namespace().orElse(null)));
      }
    });
    audit = AuditPipeline.start(client, config.audit(), Clock.systemUTC());
    AuditMetrics.bind(registry, audit);
    evictor = new PodEvictor(client);
    operator.register(DebugSessionReconcilerFactory.create(client, config, audit.trail(), evictor,
        Clock.systemUTC(), new StopMetrics().bind(registry)));
    operator.start();
    LOG.info("Operator started against {}", client.getMasterUrl());
  }

  /** Null until started. */
  Operator operator() {
    return operator;
  }

  void onStop(@Observes ShutdownEvent event) {
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
}
