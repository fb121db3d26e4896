package io.debugsession.operator.app;

import io.debugsession.operator.audit.sink.AuditSinkStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The audit trail's health on /q/metrics: alert on {@code debugsession_audit_spool_full == 1} (new sessions are
 * being denied) and on a growing {@code debugsession_audit_outbox_records} or {@code ..._spool_pending_records}.
 */
final class AuditMetrics {

  private AuditMetrics() {}

  static void bind(MeterRegistry registry, AuditPipeline audit) {
    FunctionCounter.builder("debugsession.audit.records.written", audit, a -> a.trail().recordsWritten())
        .description("Audit records this process placed in the chain").register(registry);
    Gauge.builder("debugsession.audit.outbox.records", audit, a -> a.trail().undelivered())
        .description("Chained audit records not yet handed to every sink").register(registry);
    Gauge.builder("debugsession.audit.spool.full", audit, a -> a.trail().spoolFull() ? 1 : 0)
        .description("1 while the audit spool is full and new sessions are denied").register(registry);
    sink(registry, audit, "debugsession.audit.spool.pending.records", s -> s.spool().pendingRecords(),
        "Records in the spool the HTTP receiver has not acknowledged");
    sink(registry, audit, "debugsession.audit.spool.used.bytes", s -> s.spool().usedBytes(),
        "Bytes the audit spool uses");
    sink(registry, audit, "debugsession.audit.sink.consecutive.failures", AuditSinkStatus::consecutiveFailures,
        "Failed deliveries to the HTTP receiver since the last success");
  }

  private static void sink(MeterRegistry registry, AuditPipeline audit, String name,
      ToDoubleFunction<AuditSinkStatus> value, String description) {
    Gauge.builder(name, audit, a -> a.sinkStatus().map(value::applyAsDouble).orElse(0.0))
        .description(description).register(registry);
  }
}
