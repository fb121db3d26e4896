package io.debugsession.operator.health;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Knows how long the reconciles now running have run, for the liveness check: java-operator-sdk reports every
 * reconcile and cleanup to its {@link Metrics} around the call, so this wraps the metrics the operator publishes
 * anyway and notes each call's start. A reconcile that never returns (a call without a timeout, a deadlock) makes
 * {@link #longestRunning} grow until the kubelet restarts the pod; nothing else would notice, since the informers
 * stay healthy and readiness stays true.
 */
public final class ReconcileWatchdog implements Metrics {

  private final Metrics published;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Instant> running = new ConcurrentHashMap<>();

  public ReconcileWatchdog(Metrics published, Clock clock) {
    this.published = published;
    this.clock = clock;
  }

  /** How long the oldest reconcile still running has run; empty when none runs. */
  public Optional<Duration> longestRunning() {
    Instant now = clock.instant();
    return running.values().stream().min(Instant::compareTo).map(start -> Duration.between(start, now));
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long id = ids.incrementAndGet();
    running.put(id, clock.instant());
    try {
      return published.timeControllerExecution(execution);
    } finally {
      running.remove(id);
    }
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    published.controllerRegistered(controller);
  }

  @Override
  public void eventReceived(Event event, Map<String, Object> metadata) {
    published.eventReceived(event, metadata);
  }

  @Override
  public void reconciliationSubmitted(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    published.reconciliationSubmitted(resource, retryInfo, metadata);
  }

  @Override
  public void reconciliationStarted(HasMetadata resource, Map<String, Object> metadata) {
    published.reconciliationStarted(resource, metadata);
  }

  @Override
  public void reconciliationFailed(HasMetadata resource, RetryInfo retry, Exception exception,
      Map<String, Object> metadata) {
    published.reconciliationFailed(resource, retry, exception, metadata);
  }

  @Override
  public void reconciliationSucceeded(HasMetadata resource, Map<String, Object> metadata) {
    published.reconciliationSucceeded(resource, metadata);
  }

  @Override
  public void reconciliationFinished(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    published.reconciliationFinished(resource, retryInfo, metadata);
  }

  @Override
  public void cleanupDone(ResourceID resourceID, Map<String, Object> metadata) {
    published.cleanupDone(resourceID, metadata);
  }
}
