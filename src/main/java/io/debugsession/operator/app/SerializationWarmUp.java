package io.debugsession.operator.app;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.List;

/**
 * Builds, before the replica competes for the Lease, the JSON readers and writers of what a reconcile reads and
 * writes. Jackson builds them on first use, for the type's whole object graph, and a standby has never used the Pod's:
 * pods are read on demand, not cached. In the in-cluster E2E, a new leader on a starved CPU share spent 47 s on its
 * first Pod (the Vert.x event loop building deserializers) before it looked at a session whose deadline had passed.
 */
final class SerializationWarmUp {

  private static final List<Class<? extends HasMetadata>> TYPES =
      List.of(Pod.class, DebugSession.class, DebugPolicy.class, Event.class);

  private SerializationWarmUp() {}

  /** How long it took. */
  static Duration run(KubernetesSerialization serialization) {
    long start = System.nanoTime();
    for (Class<? extends HasMetadata> type : TYPES) {
      HasMetadata empty = serialization.unmarshal("{}", type);
      serialization.asJson(empty);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
