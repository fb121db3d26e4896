package io.debugsession.operator.status;

import io.debugsession.operator.lifecycle.EndReason;

/**
 * A Kubernetes Event to record on the DebugSession (or its pod). Built from a typed reason only: {@code reason} is
 * the word of an {@link EventReason} or of the {@link EndReason} a denial or failure is announced with.
 */
public record SessionEvent(boolean warning, String reason, String message) {

  public static SessionEvent normal(EventReason reason, String message) {
    return new SessionEvent(false, reason.name(), message);
  }

  public static SessionEvent warning(EventReason reason, String message) {
    return new SessionEvent(true, reason.name(), message);
  }

  /** A denial or failure, announced by its end reason. */
  public static SessionEvent warning(EndReason reason, String message) {
    return new SessionEvent(true, reason.name(), message);
  }
}
