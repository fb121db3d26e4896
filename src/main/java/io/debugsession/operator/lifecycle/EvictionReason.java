package io.debugsession.operator.lifecycle;

/** The reason of the session's {@code Evicted} condition: how the last eviction of its pod went. */
public enum EvictionReason {
  /** The Eviction API accepted it (or the pod was already gone). */
  Evicted,
  /** A PodDisruptionBudget (or another refusal) kept the pod; retried. */
  Blocked,
  /** Refused until the eviction timeout: the session finished without it. */
  EvictionTimedOut;

  /** The reason written as {@code value}; null when absent or unknown. */
  public static EvictionReason parse(String value) {
    return Vocabulary.parse(EvictionReason.class, value);
  }
}
