package io.debugsession.operator.lifecycle;

/** What the Eviction API said. */
public sealed interface EvictionResult {

  /** The pod will be deleted (gracefully); its controller replaces it without the debug container. */
  record Evicted() implements EvictionResult {}

  /** A PodDisruptionBudget (or another refusal) kept the pod: retried until the eviction timeout. */
  record Blocked(String why) implements EvictionResult {}

  /** The pod was already gone. */
  record Gone() implements EvictionResult {}
}
