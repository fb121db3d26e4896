package io.debugsession.operator.reconciler;

import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditRecord;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the stops that failed (the kubelet still reported the debug container running after SIGKILL) and the pod
 * evictions they led to. The operator's launcher publishes them on /q/metrics; alert on any increase of
 * {@code debugsession_stop_failures_total}: someone is keeping a debugger alive past its TTL.
 */
public final class StopMetrics {

  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong escalations = new AtomicLong();

  /** Registers the counters with {@code registry}. */
  public StopMetrics bind(MeterRegistry registry) {
    FunctionCounter.builder("debugsession.stop.failures", failures, AtomicLong::get)
        .description("Stops the kubelet still reported running after the operator's SIGKILL").register(registry);
    FunctionCounter.builder("debugsession.stop.escalations", escalations, AtomicLong::get)
        .description("Pod evictions asked for because a debug container survived SIGKILL").register(registry);
    return this;
  }

  /** Counts a stop failure once per session: when its stop-failed record is chained, which happens once. */
  void chained(AuditRecord record) {
    if (record.event() == AuditEvent.STOP_FAILED) {
      failures.incrementAndGet();
    }
  }

  void escalated() {
    escalations.incrementAndGet();
  }

  public long failures() {
    return failures.get();
  }

  public long escalations() {
    return escalations.get();
  }
}
