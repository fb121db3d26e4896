package io.debugsession.operator.lifecycle;

/** A Kubernetes Event to record on the DebugSession. */
public record SessionEvent(boolean warning, String reason, String message) {

  public static SessionEvent normal(String reason, String message) {
    return new SessionEvent(false, reason, message);
  }

  public static SessionEvent warning(String reason, String message) {
    return new SessionEvent(true, reason, message);
  }
}
