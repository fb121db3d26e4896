package io.debugsession.operator.lifecycle;

import io.fabric8.kubernetes.api.model.EphemeralContainer;

/** What became of an attempt to add the debug container. */
public sealed interface InjectionResult {

  /** The API server accepted the new ephemeral container. */
  record Added() implements InjectionResult {}

  /** A container of that name was already there (an earlier attempt whose response was lost): it is kept as is. */
  record AlreadyPresent(EphemeralContainer existing) implements InjectionResult {}

  /** The API server refused it (Pod Security Admission, validation, RBAC...): in its own words. */
  record Rejected(int httpCode, String reason, String message) implements InjectionResult {}

  /**
   * Another session's debugger took the pod's last place under its cap while this one was being added (the write
   * conflicted and the pod as re-read is full): the session is denied for the cap, in {@code message}'s words.
   */
  record NoRoom(String message) implements InjectionResult {}

  /** The pod disappeared or was replaced while we were adding. */
  record PodGone(String message) implements InjectionResult {}
}
