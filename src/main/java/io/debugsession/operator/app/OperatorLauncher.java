package io.debugsession.operator.app;

import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.adapter.CrdInstaller;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the {@link OperatorAssembly} inside Quarkus with the Quarkus-managed client, its configuration and metrics
 * registry (the Quarkiverse extension cannot be built here: see DESIGN notes in the README), and stops it with the
 * application.
 */
@ApplicationScoped
public class OperatorLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorLauncher.class);

  private final KubernetesClient client;
  private final OperatorConfig config;
  private final MeterRegistry registry;
  private OperatorAssembly assembly;

  OperatorLauncher(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
    this.client = client;
    this.config = config;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.installCrd()) {
      new CrdInstaller(client, config.crdEstablishedTimeout()).installCrds();
    }
    assembly = OperatorAssembly.start(client, OperatorAssembly.Settings.from(client, config),
        new StopMetrics().bind(registry), o -> {
          o.withMetrics(MicrometerMetricsV2.newBuilder(registry).build());
          if (config.leaderElection().enabled()) {
            o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
                config.leaderElection().leaseName(), config.leaderElection().namespace().orElse(null)));
          }
        });
    AuditMetrics.bind(registry, assembly.audit());
    LOG.info("Operator started against {}", client.getMasterUrl());
  }

  /** Null until started. */
  Operator operator() {
    return assembly == null ? null : assembly.operator();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (assembly != null) {
      assembly.close();
    }
  }
}
