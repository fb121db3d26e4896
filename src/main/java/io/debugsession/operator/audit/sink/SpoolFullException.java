package io.debugsession.operator.audit.sink;

/**
 * An append did not fit: nothing of it was written, and nothing already spooled was dropped to make room. Checked, so
 * that no caller can forget that an audit record was refused; the safe reaction is to deny what the record was about
 * (see {@link AuditSinkStatus#DENIAL_REASON}).
 */
public class SpoolFullException extends Exception {

  private final transient SpoolUsage usage;

  public SpoolFullException(SpoolUsage usage, int refusedRecords, long refusedBytes) {
    super(String.format("audit spool is full: %d of %d bytes used by %d records not yet delivered, no room for %d more"
        + " record(s) of %d bytes", usage.usedBytes(), usage.capacityBytes(), usage.pendingRecords(), refusedRecords,
        refusedBytes));
    this.usage = usage;
  }

  /** The spool as it was when the append was refused. */
  public SpoolUsage usage() {
    return usage;
  }
}
