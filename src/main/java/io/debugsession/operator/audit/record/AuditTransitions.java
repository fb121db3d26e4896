package io.debugsession.operator.audit.record;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.status.Milestone;
import io.fabric8.kubernetes.api.model.Condition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The audit record of each {@link Milestone} a pass reached, and of the events about the session as it is (its
 * deletion). Every milestone maps to an event here, checked by the compiler: a new milestone cannot go unrecorded.
 * With {@link #recordId deterministic record ids} a pass re-run after a lost status patch, which reaches the same
 * milestones again, is recognised by the trail and each fact is recorded once.
 */
public final class AuditTransitions {

  private AuditTransitions() {}

  /** The event that records {@code milestone}. */
  public static AuditEvent eventOf(Milestone milestone) {
    return switch (milestone) {
      case REQUESTED -> AuditEvent.REQUESTED;
      case AWAITING_APPROVAL -> AuditEvent.AWAITING_APPROVAL;
      case APPROVED -> AuditEvent.APPROVED;
      case DENIED -> AuditEvent.DENIED;
      case APPROVAL_TIMED_OUT -> AuditEvent.APPROVAL_TIMED_OUT;
      case INJECTED -> AuditEvent.INJECTED;
      case CONTAINER_RUNNING -> AuditEvent.CONTAINER_RUNNING;
      case END_REQUESTED -> AuditEvent.END_REQUESTED;
      case STOP_FAILED -> AuditEvent.STOP_FAILED;
      case ENDED -> AuditEvent.ENDED;
      case EXPIRED -> AuditEvent.EXPIRED;
      case EVICTED -> AuditEvent.EVICTED;
      case EVICTION_FAILED -> AuditEvent.EVICTION_FAILED;
    };
  }

  /** The unchained record of {@code reached} about {@code session}, whose status is already the one that reached it. */
  public static AuditRecord record(Milestone.Reached reached, DebugSession session, Instant time,
      String operatorVersion) {
    return record(eventOf(reached.milestone()), reached.outcome(), session, time, operatorVersion);
  }

  /**
   * The unchained record of {@code event} about the session as it is, not a milestone: its deletion, by a user or by
   * retention, with how its debug container was stopped (if it ever was).
   */
  public static AuditRecord record(AuditEvent event, DebugSession session, Instant time, String operatorVersion) {
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    Condition stopped = Conditions.find(status.getConditions(), ConditionType.Stopped);
    String outcome = event == AuditEvent.DELETED && stopped != null ? stopped.getReason() : null;
    return record(event, outcome, session, time, operatorVersion);
  }

  /**
   * Its recordId is a name-based UUID of the session's uid and the event: each event happens at most once per
   * session.
   */
  private static AuditRecord record(AuditEvent event, String outcome, DebugSession session, Instant time,
      String operatorVersion) {
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    return AuditRecords.about(event, session, time, operatorVersion)
        .recordId(recordId(session.getMetadata().getUid(), event))
        .outcome(outcome)
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
}
