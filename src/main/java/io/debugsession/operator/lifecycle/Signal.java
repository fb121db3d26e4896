package io.debugsession.operator.lifecycle;

/** The signals the operator's stop sends to the debug container's own processes; the name is the wire word. */
public enum Signal {
  /** First: the debugger may exit cleanly within the grace period. */
  TERM,
  /** After the grace period, and again with backoff while the kubelet still reports the container running. */
  KILL
}
