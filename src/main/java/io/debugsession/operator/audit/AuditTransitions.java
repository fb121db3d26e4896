package io.debugsession.operator.audit;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.lifecycle.Conditions;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.EvictionReason;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which audit records a status change calls for. Derived from the change itself, not from the step that caused it,
 * so that a pass whose status patch was lost produces the same records when it runs again; with
 * {@link #recordId deterministic record ids} the trail then recognises them and records each fact once.
 */
public final class AuditTransitions {

  private AuditTransitions() {}

  /** The events that happened between {@code before} (null for a session never seen) and {@code after}, in order. */
  public static List<AuditEvent> between(DebugSessionStatus before, DebugSessionStatus after) {
    DebugSessionStatus was = before == null ? new DebugSessionStatus() : before;
    List<AuditEvent> events = new ArrayList<>();
    if (was.getPhase() == null) {
      events.add(AuditEvent.REQUESTED);
    }
    if (after.getPhase() == Phase.AwaitingApproval && was.getPhase() != Phase.AwaitingApproval) {
      events.add(AuditEvent.AWAITING_APPROVAL);
    }
    if (after.getApprovedAt() != null && was.getApprovedAt() == null) {
      events.add(AuditEvent.APPROVED);
    }
    if (after.getPhase() == Phase.Denied && was.getPhase() != Phase.Denied) {
      events.add(EndReason.parse(after.getEndReason()) == EndReason.ApprovalTimedOut ? AuditEvent.APPROVAL_TIMED_OUT
          : AuditEvent.DENIED);
    }
    if (isActiveOrLater(after) && after.getContainerName() != null && was.getStartedAt() == null
        && after.getStartedAt() != null) {
      events.add(AuditEvent.INJECTED);
    }
    if (isTrue(after, Conditions.DEBUG_CONTAINER_RUNNING) && !isTrue(was, Conditions.DEBUG_CONTAINER_RUNNING)) {
      events.add(AuditEvent.CONTAINER_RUNNING);
    }
    if (after.getEndedByVerified() != null && was.getEndedByVerified() == null) {
      events.add(AuditEvent.END_REQUESTED);
    }
    if (isTrue(after, Conditions.STOP_FAILING) && !isTrue(was, Conditions.STOP_FAILING)) {
      events.add(AuditEvent.STOP_FAILED);
    }
    if (after.getPhase() != null && after.getPhase() != Phase.Denied && after.getPhase().isTerminal()
        && (was.getPhase() == null || !was.getPhase().isTerminal())) {
      events.add(terminalEvent(after));
    }
    EvictionReason eviction = EvictionReason.parse(reason(after, Conditions.EVICTED));
    if (eviction != null && eviction != EvictionReason.parse(reason(was, Conditions.EVICTED))) {
      evictionEvent(eviction).ifPresent(events::add);
    }
    return events;
  }

  /**
   * The unchained record of {@code event} about {@code session}, whose status is already the new one. Its recordId
   * is a name-based UUID of the session's uid and the event: each event happens at most once per session.
   */
  public static AuditRecord record(AuditEvent event, DebugSession session, Instant time, String operatorVersion) {
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    return AuditRecords.about(event, session, time, operatorVersion)
        .recordId(recordId(session.getMetadata().getUid(), event))
        .outcome(outcome(event, status))
        .message(status.getMessage())
        .build();
  }

  /**
   * The same id for the same fact, whichever pass or operator replica records it. A session ends once and its pod is
   * evicted at most once: the events that say how ({@link #fact}) share one id, so a pass re-run after a lost status
   * patch, which may see the end differently (the evicted pod is gone), cannot add a second end to the trail.
   */
  public static String recordId(String sessionUid, AuditEvent event) {
    return UUID.nameUUIDFromBytes(("debugsession.io/audit/" + sessionUid + "/" + fact(event))
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** What the event is a fact about: its wire name, or "end" / "eviction" for the events that are alternatives. */
  static String fact(AuditEvent event) {
    return switch (event) {
      case DENIED, APPROVAL_TIMED_OUT, ENDED, EXPIRED -> "end";
      case EVICTED, EVICTION_FAILED -> "eviction";
      default -> event.wireName();
    };
  }

  /** A short machine-readable word for how the event turned out; null where the event says it all. */
  static String outcome(AuditEvent event, DebugSessionStatus status) {
    return switch (event) {
      case DENIED, APPROVAL_TIMED_OUT -> status.getEndReason();
      case APPROVED -> "Approved";
      case INJECTED -> reason(status, Conditions.INJECTED);
      case STOP_FAILED -> reason(status, Conditions.STOPPED);
      case ENDED, EXPIRED -> reason(status, Conditions.STOPPED) != null
          ? reason(status, Conditions.STOPPED)
          : status.getEndReason();
      case EVICTED, EVICTION_FAILED -> reason(status, Conditions.EVICTED);
      case DELETED -> reason(status, Conditions.STOPPED);
      default -> null;
    };
  }

  private static Optional<AuditEvent> evictionEvent(EvictionReason reason) {
    return switch (reason) {
      case Evicted -> Optional.of(AuditEvent.EVICTED);
      case EvictionTimedOut -> Optional.of(AuditEvent.EVICTION_FAILED);
      case Blocked -> Optional.empty(); // retried: the record comes when it is evicted or given up
    };
  }

  private static AuditEvent terminalEvent(DebugSessionStatus after) {
    return after.getPhase() == Phase.Expired ? AuditEvent.EXPIRED : AuditEvent.ENDED;
  }

  private static boolean isActiveOrLater(DebugSessionStatus status) {
    return status.getPhase() == Phase.Active || status.getPhase() == Phase.Expired
        || status.getPhase() == Phase.Ended;
  }

  private static boolean isTrue(DebugSessionStatus status, String type) {
    Condition c = Conditions.find(status.getConditions(), type);
    return c != null && "True".equals(c.getStatus());
  }

  private static String reason(DebugSessionStatus status, String type) {
    Condition c = Conditions.find(status.getConditions(), type);
    return c == null ? null : c.getReason();
  }
}
