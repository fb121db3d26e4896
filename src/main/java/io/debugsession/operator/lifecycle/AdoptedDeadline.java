package io.debugsession.operator.lifecycle;

import io.debugsession.operator.container.DebugContainerFactory;
import io.debugsession.operator.container.DebugProcessScripts;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Instant;
import java.util.Optional;

/**
 * The deadline of a debug container found already in the pod (after a lost answer, or a restart), which the session
 * takes over. The deadline its wrapper enforces is in its environment, written when it was added; but whoever wrote
 * that container could write anything there, so it is believed only up to {@code latest}, the deadline the session's
 * TTL would give a container added now. Missing, unreadable (not a number, or beyond the range of a time) or later
 * than that, it is {@code latest}, with a warning that says why: never an error that would retry the pass forever.
 *
 * @param warning why the container's own deadline was not taken, for a Warning Event; null when it was
 */
public record AdoptedDeadline(Instant expiresAt, String warning) {

  private static final int QUOTED_CHARS = 40;

  public static AdoptedDeadline of(EphemeralContainer container, Instant latest) {
    Optional<String> raw = environment(container);
    if (raw.isEmpty()) {
      return new AdoptedDeadline(latest, "it carries no deadline (" + DebugProcessScripts.ENV_EXPIRES_AT
          + "); the operator stops it at " + latest);
    }
    Optional<Instant> written = DebugContainerFactory.deadlineOf(container);
    if (written.isEmpty()) {
      return new AdoptedDeadline(latest, "its deadline " + DebugProcessScripts.ENV_EXPIRES_AT + "=\""
          + quoted(raw.get()) + "\" is not a time in epoch seconds; the operator stops it at " + latest);
    }
    if (written.get().isAfter(latest)) {
      return new AdoptedDeadline(latest, "its deadline " + written.get() + " is later than this session's TTL "
          + "allows; the operator stops it at " + latest);
    }
    return new AdoptedDeadline(written.get(), null);
  }

  private static Optional<String> environment(EphemeralContainer container) {
    return container.getEnv() == null ? Optional.empty() : container.getEnv().stream()
        .filter(e -> DebugProcessScripts.ENV_EXPIRES_AT.equals(e.getName()) && e.getValue() != null)
        .map(EnvVar::getValue)
        .findFirst();
  }

  private static String quoted(String value) {
    return value.length() <= QUOTED_CHARS ? value : value.substring(0, QUOTED_CHARS) + "...";
  }
}
