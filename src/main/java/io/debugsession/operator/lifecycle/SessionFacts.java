package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Optional;

/** Small facts about a session or pod that several planners (and the injector) read. */
public final class SessionFacts {

  private SessionFacts() {}

  public static Optional<EphemeralContainer> findEphemeral(Pod pod, String name) {
    if (pod.getSpec() == null || pod.getSpec().getEphemeralContainers() == null) {
      return Optional.empty();
    }
    return pod.getSpec().getEphemeralContainers().stream().filter(c -> name.equals(c.getName())).findFirst();
  }

  static boolean isDeleting(DebugSession session) {
    return session.getMetadata().getDeletionTimestamp() != null;
  }

  static Instant createdAt(DebugSession session, Instant now) {
    String created = session.getMetadata().getCreationTimestamp();
    return created == null ? now : Instant.parse(created);
  }

  public static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
