package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.Phase;

/** Why the debug container is being stopped, and the phase the session ends in. */
public enum StopCause {
  EXPIRED(EndReason.Expired, Phase.Expired),
  END_REQUESTED(EndReason.EndRequested, Phase.Ended),
  SESSION_DELETED(EndReason.SessionDeleted, Phase.Ended);

  private final EndReason reason;
  private final Phase finalPhase;

  StopCause(EndReason reason, Phase finalPhase) {
    this.reason = reason;
    this.finalPhase = finalPhase;
  }

  public EndReason reason() {
    return reason;
  }

  public Phase finalPhase() {
    return finalPhase;
  }

  /** The cause recorded in status.stop.cause as {@code reason}; null when it is none. */
  public static StopCause fromReason(String reason) {
    EndReason parsed = EndReason.parse(reason);
    for (StopCause c : values()) {
      if (c.reason == parsed) {
        return c;
      }
    }
    return null;
  }
}
