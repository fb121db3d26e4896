package io.debugsession.operator.lifecycle;

/**
 * Why a session ended, was denied or failed, or why it waits for its target: {@code status.endReason}, the reason of
 * the condition and of the Event that say so, and the outcome of a denial's audit record. The constant's name is the
 * word written to the API (so, like {@code Phase}, it is spelled as users read it).
 */
public enum EndReason {
  // Stopped as asked (see StopCause)
  Expired,
  EndRequested,
  SessionDeleted,
  // Ended by itself or with its pod
  DebugContainerExited,
  TargetPodDeleted,
  TargetPodReplaced,
  // Denied
  PolicyDenied,
  RequesterUnverified,
  ApprovalTimedOut,
  ApprovalDenied,
  ApprovalRefused,
  EphemeralContainerLimit,
  /** The audit trail could not promise to record the session (its spool is full, its chain unreadable). */
  AuditUnavailable,
  // Failed, or (the target ones) not there yet
  InjectionRejected,
  TargetPodNotFound,
  TargetPodTerminating,
  TargetPodNotRunning,
  TargetContainerAmbiguous,
  TargetContainerNotFound,
  TargetContainerNotRunning;

  /** The reason written as {@code value}; null when it is none of these (never written by this operator). */
  public static EndReason parse(String value) {
    return Vocabulary.parse(EndReason.class, value);
  }
}
