package io.debugsession.operator.app;

import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the operator has started, which it does only when its informers have synced, and while they stay
 * healthy (/q/health/ready). A standby replica is ready too: its cache is warm, and it reconciles as soon as it takes
 * the Lease; {@code leader} says which replica reconciles.
 */
@Readiness
@ApplicationScoped
public class OperatorReadiness implements HealthCheck {

  private final OperatorLauncher launcher;

  OperatorReadiness(OperatorLauncher launcher) {
    this.launcher = launcher;
  }

  @Override
  public HealthCheckResponse call() {
    Operator operator = launcher.operator();
    boolean started = operator != null && operator.getRuntimeInfo().isStarted();
    boolean healthy = started && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    return HealthCheckResponse.named("debugsession-operator")
        .status(healthy)
        .withData("started", started)
        .withData("informersHealthy", healthy)
        .withData("leader", launcher.leading())
        .build();
  }
}
