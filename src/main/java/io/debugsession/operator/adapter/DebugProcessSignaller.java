package io.debugsession.operator.adapter;

import io.debugsession.operator.lifecycle.SignalResult;

/** Layer 2 of TTL enforcement: signals the debug container's own processes, and only those. */
public interface DebugProcessSignaller {

  /** Sends {@code signal} (TERM or KILL) to the processes of {@code container} in {@code pod}. */
  SignalResult signal(String namespace, String pod, String container, String signal);
}
