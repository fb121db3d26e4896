package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the operator does when a session's TTL runs out, beyond recording it. */
public enum OnExpiry {
  /** Stop the debug container; it stays in the pod's spec.ephemeralContainers, which only a new pod clears. */
  STOP("Stop"),
  /** Stop the debug container, then evict the pod (respecting PodDisruptionBudgets) so a clean one replaces it. */
  STOP_AND_EVICT("StopAndEvict");

  private final String value;

  OnExpiry(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
