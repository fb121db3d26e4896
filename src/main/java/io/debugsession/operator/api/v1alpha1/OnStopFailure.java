package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the operator does when the kubelet still reports the debug container running after the operator's SIGKILL
 * (a root user inside can make an exec do nothing). In both cases the session stays Active, says so loudly and keeps
 * retrying the KILL; it is never reported stopped while the kubelet reports it running.
 */
public enum OnStopFailure {
  /** Keep retrying, with a StopFailing condition, a Warning Event, a metric and an audit record. */
  REPORT("Report"),
  /** All of Report, and evict the pod (respecting PodDisruptionBudgets): the kubelet then stops every container. */
  EVICT("Evict");

  private final String value;

  OnStopFailure(String value) {
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
