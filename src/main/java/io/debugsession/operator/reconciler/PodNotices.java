package io.debugsession.operator.reconciler;

import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.status.EventReason;
import io.debugsession.operator.status.SessionEvent;
import java.util.Optional;

/**
 * The Events written on the target pod, so that {@code kubectl describe pod} shows that a debugger ran next to the
 * app, who asked for it and how it ended, long after the session object is gone (as long as Events last).
 */
final class PodNotices {

  private PodNotices() {}

  static Optional<SessionEvent> about(AuditRecord record) {
    if (record.target() == null || record.target().podUid() == null || record.debugContainer() == null
        || record.debugContainer().name() == null) {
      return Optional.empty();
    }
    String container = record.debugContainer().name();
    String session = "DebugSession " + record.session().name();
    String by = record.requester() == null ? "" : " requested by " + record.requester();
    return switch (record.event()) {
      case INJECTED -> Optional.of(SessionEvent.normal(EventReason.DebugContainerAdded, session + by + " added debug container "
          + container + " (" + record.debugContainer().image() + ", profile " + record.profile() + ") next to "
          + "container " + record.target().container() + "; it expires at " + record.expiresAt()));
      case EXPIRED, ENDED -> Optional.of(SessionEvent.normal(EventReason.DebugContainerStopped, session + " ended ("
          + record.endReason() + (record.outcome() == null ? "" : ", " + record.outcome()) + "): debug container "
          + container + " no longer runs"));
      case STOP_FAILED -> Optional.of(SessionEvent.warning(EventReason.DebugContainerStopFailed, session + " could not stop "
          + "debug container " + container + ": " + record.message()));
      case EVICTED -> Optional.of(SessionEvent.normal(EventReason.EvictedAfterDebugSession, session + " evicted this pod at "
          + "expiry (StopAndEvict policy), so that its controller replaces it without the debug container"));
      default -> Optional.empty();
    };
  }
}
