package io.debugsession.operator.audit.sink;

/**
 * A consistent snapshot of how much of the spool is in use, for metrics and the {@code AuditSpoolFull} condition.
 *
 * @param pendingRecords records appended and not yet acknowledged by the receiver
 * @param usedBytes bytes of segment files on disk (acknowledged records are freed a whole segment at a time)
 * @param capacityBytes the bound on {@code usedBytes}
 * @param full whether the spool refuses appends: it is at capacity, or it refused one and has freed nothing since
 */
public record SpoolUsage(long pendingRecords, long usedBytes, long capacityBytes, boolean full) {}
