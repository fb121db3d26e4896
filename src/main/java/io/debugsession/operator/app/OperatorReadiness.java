package io.debugsession.operator.app;

import io.javaoperatorsdk.operator.Operator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the operator has started and its informers are healthy (/q/health/ready). */
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
        .build();
  }
}
