package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.Phase;

/** Why the debug container is being stopped, and the phase the session ends in. */
public enum StopCause {
  EXPIRED("Expired", Phase.Expired),
  END_REQUESTED("EndRequested", Phase.Ended),
  SESSION_DELETED("SessionDeleted", Phase.Ended);

  private final String reason;
  private final Phase finalPhase;

  StopCause(String reason, Phase finalPhase) {
    this.reason = reason;
    this.finalPhase = finalPhase;
  }

  public String reason() {
    return reason;
  }

  public Phase finalPhase() {
    return finalPhase;
  }

  public static StopCause fromReason(String reason) {
    for (StopCause c : values()) {
      if (c.reason.equals(reason)) {
        return c;
      }
    }
    return null;
  }
}
