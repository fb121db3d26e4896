package io.debugsession.operator.container;

import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the ephemeral container a session asks for, and reads back the deadline of one already in a pod. */
public final class DebugContainerFactory {

  static final List<String> DEFAULT_COMMAND = List.of("sh");

  private DebugContainerFactory() {}

  public static EphemeralContainer build(
      DebugSessionSpec spec, String containerName, String targetContainer, Instant expiresAt, Duration grace) {
    Profile profile = spec.profileOrDefault();
    return new EphemeralContainerBuilder()
        .withName(containerName)
        .withImage(spec.getImage())
        .withImagePullPolicy("IfNotPresent")
        .withTargetContainerName(targetContainer)
        .withCommand(DebugProcessScripts.wrapperCommand())
        .withArgs(userCommand(spec))
        .withEnv(
            new EnvVar(DebugProcessScripts.ENV_EXPIRES_AT, Long.toString(expiresAt.getEpochSecond()), null),
            new EnvVar(DebugProcessScripts.ENV_GRACE_SECONDS, Long.toString(grace.toSeconds()), null))
        .withStdin(true)
        .withTty(true)
        // Not FallbackToLogsOnError: a debugger stopped at its TTL exits non-zero, and the kubelet would then copy
        // the tail of the terminal (what the SRE typed and saw) into the pod's status, readable by anyone who may
        // get pods. Only what the wrapper writes to the termination log gets there.
        .withTerminationMessagePolicy("File")
        .withSecurityContext(SecurityProfiles.securityContextFor(profile))
        .build();
  }

  /**
   * The deadline written into an existing debug container's environment, if it is a time; see the planner's
   * {@code AdoptedDeadline} for how much of it a session believes.
   */
  public static Optional<Instant> deadlineOf(EphemeralContainer container) {
    if (container.getEnv() == null) {
      return Optional.empty();
    }
    return container.getEnv().stream()
        .filter(e -> DebugProcessScripts.ENV_EXPIRES_AT.equals(e.getName()) && e.getValue() != null)
        .findFirst()
        .flatMap(e -> epochSeconds(e.getValue()));
  }

  /** {@code value} as epoch seconds, if it is a number of seconds within the range of a time. */
  private static Optional<Instant> epochSeconds(String value) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }
  private static List<String> userCommand(DebugSessionSpec spec) {
    List<String> command = new ArrayList<>(
        spec.getCommand() == null || spec.getCommand().isEmpty() ? DEFAULT_COMMAND : spec.getCommand());
    if (spec.getArgs() != null) {
      command.addAll(spec.getArgs());
    }
    return command;
  }
}
