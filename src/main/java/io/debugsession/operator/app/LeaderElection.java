package io.debugsession.operator.app;

import io.debugsession.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease: every replica starts its informers (so a standby is ready and its cache warm), only
 * the holder of the Lease reconciles. A new leader reconciles every session in its cache, and an Active session's
 * deadline is in its status ({@code expiresAt}), so nothing the former leader knew is lost with it.
 *
 * <p>A replica that loses the Lease while it runs (it could not renew in time: API server unreachable, process
 * paused) exits, and the kubelet starts it again as a standby: java-operator-sdk cannot stop reconciling and go back
 * to waiting, and a replica that went on would reconcile beside the new leader. Its writes would still not fork the
 * audit chain (the chain's ConfigMap is replaced only with the resourceVersion read), but they would race. During a
 * normal shutdown losing the Lease is expected and nothing exits early. The Lease is not released on shutdown
 * (java-operator-sdk 5.3 does not offer it), so a handover after the leader's pod is deleted waits for the Lease to
 * expire: at most {@code lease-duration}.
 */
final class LeaderElection {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  /** Publishes {@code debugsession_leader}: 1 on the replica that reconciles, 0 on the others. */
  LeaderElection bind(MeterRegistry registry) {
    Gauge.builder("debugsession.leader", leading, l -> l.get() ? 1 : 0)
        .description("1 while this replica holds the Lease and reconciles").register(registry);
    return this;
  }

  LeaderElectionConfiguration configuration(OperatorConfig.LeaderElection config) {
    // Not java-operator-sdk's own exit on a lost Lease (System.exit, also when the Lease is given up during a normal
    // shutdown, where it would block the shutdown): stoppedLeading decides. The identity is the pod's name
    // (HOSTNAME), java-operator-sdk's default.
    return new LeaderElectionConfiguration(config.leaseName(), config.namespace().orElse(null),
        config.leaseDuration(), config.renewDeadline(), config.retryPeriod(), null,
        new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader), false);
  }

  /** Called before the operator stops: from now on, losing the Lease is part of the shutdown. */
  void shuttingDown() {
    shuttingDown.set(true);
  }

  boolean leading() {
    return leading.get();
  }

  private void startedLeading() {
    leading.set(true);
    LOG.info("This replica holds the Lease: it reconciles every DebugSession from now on");
  }

  private void stoppedLeading() {
    leading.set(false);
    if (shuttingDown.get()) {
      LOG.info("Stopped leading: shutting down");
      return;
    }
    LOG.error("Lost the Lease while running: exiting, so that this replica never reconciles beside the new leader");
    Quarkus.asyncExit(1);
  }

  private void newLeader(String identity) {
    LOG.info("The leader is {}", identity);
  }
}
