package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/** Can a debug container join this pod and container now, later, or never? */
public final class TargetCheck {

  public sealed interface Verdict {}

  /** The pod runs and the target container is known and running. */
  public record Ready(String container) implements Verdict {}

  /** Not yet: the pod may still appear or start; wait until the pending timeout. */
  public record NotYet(EndReason reason, String message) implements Verdict {}

  /** Never: waiting cannot help. */
  public record Impossible(EndReason reason, String message) implements Verdict {}

  private TargetCheck() {}

  /** {@code pod} is null when it does not exist. */
  public static Verdict evaluate(Pod pod, TargetSpec target, String namespace) {
    if (pod == null) {
      return new NotYet(EndReason.TargetPodNotFound,
          "Pod \"" + target.getPod() + "\" not found in namespace \"" + namespace + "\"");
    }
    String podName = pod.getMetadata().getName();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new Impossible(EndReason.TargetPodTerminating, "Pod \"" + podName + "\" is being deleted");
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return new Impossible(EndReason.TargetPodNotRunning,
          "Pod \"" + podName + "\" has finished (phase " + phase + "); a debug container can only join a Running pod");
    }
    List<String> containers = pod.getSpec().getContainers().stream().map(Container::getName).toList();
    String container = target.getContainer();
    if (container == null) {
      if (containers.size() != 1) {
        return new Impossible(EndReason.TargetContainerAmbiguous,
            "Pod \"" + podName + "\" has " + containers.size() + " containers (" + String.join(", ", containers)
                + "); set spec.target.container to one of them");
      }
      container = containers.get(0);
    } else if (!containers.contains(container)) {
      return new Impossible(EndReason.TargetContainerNotFound,
          "Pod \"" + podName + "\" has no container \"" + container + "\"; its containers are: "
              + String.join(", ", containers));
    }
    if (!"Running".equals(phase)) {
      return new NotYet(EndReason.TargetPodNotRunning,
          phase == null ? "Pod \"" + podName + "\" has no status yet, so it is not Running"
              : "Pod \"" + podName + "\" is " + phase + ", not Running");
    }
    if (!isRunning(pod, container)) {
      return new NotYet(EndReason.TargetContainerNotRunning,
          "Container \"" + container + "\" of pod \"" + podName + "\" is not running" + waitingReason(pod, container));
    }
    return new Ready(container);
  }

  private static boolean isRunning(Pod pod, String container) {
    return statusOf(pod, container).map(s -> s.getState() != null && s.getState().getRunning() != null).orElse(false);
  }

  private static String waitingReason(Pod pod, String container) {
    return statusOf(pod, container)
        .filter(s -> s.getState() != null)
        .map(s -> s.getState().getWaiting() != null ? s.getState().getWaiting().getReason()
            : s.getState().getTerminated() != null ? s.getState().getTerminated().getReason() : null)
        .filter(reason -> reason != null && !reason.isBlank())
        .map(reason -> " (" + reason + ")")
        .orElse("");
  }

  private static Optional<ContainerStatus> statusOf(Pod pod, String container) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream().filter(s -> container.equals(s.getName())).findFirst();
  }
}
