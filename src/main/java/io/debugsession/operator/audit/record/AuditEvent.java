package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an audit record reports, with the name it has on the wire (the record's {@code event} field). */
public enum AuditEvent {
  /** The operator saw a new DebugSession. */
  REQUESTED("requested"),
  /** Policy, identity or an approver refused the session. */
  DENIED("denied"),
  /** A policy requires approval; the session waits for it. */
  AWAITING_APPROVAL("awaiting-approval"),
  /** An approver approved the session. */
  APPROVED("approved"),
  /** No approval came before the deadline; the session is denied. */
  APPROVAL_TIMED_OUT("approval-timed-out"),
  /** The debug container was added to the target pod (or found there and adopted). */
  INJECTED("injected"),
  /** The kubelet reports the debug container running: the closest the operator gets to "attached". */
  CONTAINER_RUNNING("container-running"),
  /** Someone asked to end the session early (spec.end): who, and whether the API server verified it. */
  END_REQUESTED("end-requested"),
  /** The session reached Ended or Failed: end requested, container exited, target gone, or a failure. */
  ENDED("ended"),
  /** The TTL ran out and the debug container is known to be stopped. */
  EXPIRED("expired"),
  /**
   * The kubelet still reported the debug container running after the operator's SIGKILL. Not an end: the session
   * stays Active, the stop is retried (and escalated as policy says) until an {@code expired} or {@code ended} record.
   */
  STOP_FAILED("stop-failed"),
  /** The target pod was evicted at expiry (a StopAndEvict policy). */
  EVICTED("evicted"),
  /** A StopAndEvict policy called for eviction, but it stayed blocked (a PodDisruptionBudget) until the timeout. */
  EVICTION_FAILED("eviction-failed"),
  /** The DebugSession object was deleted (recorded by the finalizer before it disappears). */
  DELETED("deleted"),
  /** A finished DebugSession was deleted by the operator's retention cleanup, not by a user. */
  RETENTION_DELETED("retention-deleted");

  private final String wireName;

  AuditEvent(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @JsonCreator
  public static AuditEvent fromWireName(String wireName) {
    for (AuditEvent event : values()) {
      if (event.wireName.equals(wireName)) {
        return event;
      }
    }
    throw new IllegalArgumentException("unknown audit event \"" + wireName + "\"");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
