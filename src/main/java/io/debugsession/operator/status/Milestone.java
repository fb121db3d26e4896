package io.debugsession.operator.status;

/**
 * A fact in a session's life that {@link StatusTransitions} records as it writes the status change that makes it
 * true, once per session: each is one audit record. Declared in the order the records of one pass are written.
 */
public enum Milestone {
  REQUESTED,
  AWAITING_APPROVAL,
  APPROVED,
  DENIED,
  APPROVAL_TIMED_OUT,
  INJECTED,
  CONTAINER_RUNNING,
  END_REQUESTED,
  STOP_FAILED,
  ENDED,
  EXPIRED,
  EVICTED,
  EVICTION_FAILED;

  /** A milestone reached in one pass, with a short machine-readable word for how it turned out (or null). */
  public record Reached(Milestone milestone, String outcome) {}
}
