package io.debugsession.operator.app;

import io.debugsession.operator.config.OperatorConfig;
import io.debugsession.operator.health.ReconcileWatchdog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless a reconcile has run longer than {@code debugsession.stuck-reconcile-timeout} (/q/health/live): a
 * reconciler stuck for good keeps every session it would have stopped running, and only a restart frees it. The
 * kubelet restarts the pod; if it led, another replica takes the Lease.
 */
@Liveness
@ApplicationScoped
public class OperatorLiveness implements HealthCheck {

  private final OperatorLauncher launcher;
  private final Duration timeout;

  OperatorLiveness(OperatorLauncher launcher, OperatorConfig config) {
    this.launcher = launcher;
    this.timeout = config.stuckReconcileTimeout();
  }

  @Override
  public HealthCheckResponse call() {
    Optional<Duration> longest = Optional.ofNullable(launcher.watchdog()).flatMap(ReconcileWatchdog::longestRunning);
    boolean stuck = longest.filter(d -> d.compareTo(timeout) > 0).isPresent();
    return HealthCheckResponse.named("debugsession-reconciler")
        .status(!stuck)
        .withData("longestRunningReconcileSeconds", longest.map(Duration::toSeconds).orElse(0L))
        .withData("stuckAfterSeconds", timeout.toSeconds())
        .build();
  }
}
