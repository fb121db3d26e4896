package io.debugsession.operator.status;

import io.debugsession.operator.lifecycle.EvictionReason;
import io.debugsession.operator.lifecycle.StopOutcome;

/**
 * The types of the conditions a session's status carries. The constant's name is the {@code type} written to the API,
 * so status, tests and the plugin look a condition up by constant, never by a word spelled again.
 */
public enum ConditionType {
  /** Whether the debug container is in the pod; False with the reason the session waits or failed. */
  Injected,
  /** Whether an approval counts; False with reason AwaitingApproval while a policy waits for one. */
  Approved,
  /** Whether the kubelet reports the debug container running. */
  DebugContainerRunning,
  /** Whether the debug container is known to be stopped; the reason is a {@link StopOutcome} or Stopping. */
  Stopped,
  /** True while the kubelet reports the debug container running after the operator's SIGKILL. */
  StopFailing,
  /** How the last eviction of the pod went; the reason is an {@link EvictionReason}. */
  Evicted,
  /** Set, True, on a session denied because the audit spool was full. */
  AuditSpoolFull
}
