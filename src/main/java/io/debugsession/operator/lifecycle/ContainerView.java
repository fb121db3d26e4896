package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The debug container as the kubelet reports it in {@code status.ephemeralContainerStatuses}. */
public record ContainerView(State state, String reason, Integer exitCode, String imageID, Instant finishedAt) {

  public enum State {
    /** Not reported yet (just added, or no kubelet has picked the pod up). */
    Unknown,
    Waiting,
    Running,
    Terminated
  }

  public static final ContainerView UNKNOWN = new ContainerView(State.Unknown, null, null, null, null);

  public static ContainerView of(Pod pod, String containerName) {
    List<ContainerStatus> statuses =
        pod.getStatus() == null ? null : pod.getStatus().getEphemeralContainerStatuses();
    if (statuses == null || containerName == null) {
      return UNKNOWN;
    }
    return statuses.stream()
        .filter(s -> containerName.equals(s.getName()))
        .findFirst()
        .map(ContainerView::fromStatus)
        .orElse(UNKNOWN);
  }

  private static ContainerView fromStatus(ContainerStatus status) {
    ContainerState s = status.getState();
    String imageID = blankToNull(status.getImageID());
    if (s != null && s.getTerminated() != null) {
      var t = s.getTerminated();
      return new ContainerView(State.Terminated, t.getReason(), t.getExitCode(), imageID, parseTime(t.getFinishedAt()));
    }
    if (s != null && s.getRunning() != null) {
      return new ContainerView(State.Running, null, null, imageID, null);
    }
    if (s != null && s.getWaiting() != null) {
      return new ContainerView(State.Waiting, s.getWaiting().getReason(), null, imageID, null);
    }
    return new ContainerView(State.Unknown, null, null, imageID, null);
  }

  public boolean isTerminated() {
    return state == State.Terminated;
  }

  public boolean isRunning() {
    return state == State.Running;
  }

  public DebugContainerStatus toStatus() {
    return new DebugContainerStatus(state.name(), reason, exitCode, imageID);
  }

  /** "exited with code 0 (Completed)" and the like, for status messages. */
  String describeExit() {
    String code = exitCode == null ? "an unknown code" : "code " + exitCode;
    return "exited with " + code + (reason == null ? "" : " (" + reason + ")");
  }

  private static Instant parseTime(String time) {
    return Optional.ofNullable(blankToNull(time)).map(Instant::parse).orElse(null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
