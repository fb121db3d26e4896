/**
 * Getting audit records off the operator's pod without losing one: a {@link
 * io.debugsession.operator.audit.sink.DiskSpool} on a persistent volume, drained by an {@link
 * io.debugsession.operator.audit.sink.HttpAuditSink} to a receiver that deduplicates by {@code recordId}, and an
 * {@link io.debugsession.operator.audit.sink.AuditSinkStatus} for metrics, logs and the {@code AuditSpoolFull}
 * condition. The records arrive here already serialised; this package does not know the record model. The receiver's
 * contract and the on-disk layout are in docs/audit-sink.md.
 */
package io.debugsession.operator.audit.sink;
