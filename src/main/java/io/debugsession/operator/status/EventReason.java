package io.debugsession.operator.status;

import io.debugsession.operator.lifecycle.EndReason;

/**
 * The reasons of the Kubernetes Events the operator records, besides the {@link EndReason} a denial or failure is
 * announced with. The constant's name is the Event's {@code reason}, as {@code kubectl get events} shows it.
 */
public enum EventReason {
  // On the session
  WaitingForTarget,
  AwaitingApproval,
  Approved,
  EndRequested,
  DebugContainerAdded,
  DebugContainerAdopted,
  DebugContainerDeadlineReplaced,
  DebugContainerRunning,
  DebugContainerWaiting,
  Signalled,
  SignalFailed,
  StopFailing,
  EvictionBlocked,
  EvictedAfterStopFailure,
  Evicted,
  EvictionFailed,
  Expired,
  Ended,
  // On the debugged pod
  DebugContainerStopped,
  DebugContainerStopFailed,
  EvictedAfterDebugSession
}
