package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a kubelet would report about a pod through the real API server's {@code pods/status} subresource.
 * The test control plane has no node, so without this no container ever runs or exits; everything the operator
 * then does with those statuses goes through the real server.
 *
 * <p>Statuses are upserted by container name, keeping the other entries, because a kubelet reports all
 * containers at once and tests usually change one at a time.
 */
public final class PodStatusWriter {

  private final KubernetesClient client;

  public PodStatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Phase Running, conditions Ready/ContainersReady True, every spec container running and ready. */
  public Pod podRunning(String namespace, String pod) {
    return edit(namespace, pod, (p, status) -> {
      status.setPhase("Running");
      status.setConditions(List.of(
          new PodConditionBuilder().withType("Ready").withStatus("True").build(),
          new PodConditionBuilder().withType("ContainersReady").withStatus("True").build()));
      p.getSpec().getContainers().forEach(c -> upsert(status.getContainerStatuses(),
          running(c.getName(), c.getImage(), "sha256:" + c.getName(), true)));
    });
  }

  /** An ephemeral container started, with the image digest the runtime resolved. Never "ready", as on a node. */
  public Pod ephemeralRunning(String namespace, String pod, String container, String imageID) {
    return edit(namespace, pod, (p, status) -> upsert(status.getEphemeralContainerStatuses(),
        running(container, imageOf(p, container), imageID, false)));
  }

  /** An ephemeral container exited; reason "Completed" for 0, else "Error" (as the kubelet reports). */
  public Pod ephemeralTerminated(String namespace, String pod, String container, int exitCode, String imageID) {
    return edit(namespace, pod, (p, status) -> upsert(status.getEphemeralContainerStatuses(),
        terminated(container, imageOf(p, container), imageID, exitCode)));
  }

  /** An ephemeral container exited at {@code finishedAt} (for tests whose operator runs on a shifted clock). */
  public Pod ephemeralTerminated(String namespace, String pod, String container, int exitCode, String imageID,
      Instant finishedAt) {
    return edit(namespace, pod, (p, status) -> {
      ContainerStatus terminated = terminated(container, imageOf(p, container), imageID, exitCode);
      terminated.getState().getTerminated().setFinishedAt(finishedAt.toString());
      upsert(status.getEphemeralContainerStatuses(), terminated);
    });
  }

  public static ContainerStatus running(String name, String image, String imageID, boolean ready) {
    return new ContainerStatusBuilder().withName(name).withImage(image).withImageID(imageID)
        .withContainerID("containerd://" + name).withReady(ready).withStarted(true).withRestartCount(0)
        .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(Instant.now().toString()).endRunning()
            .build())
        .build();
  }

  public static ContainerStatus terminated(String name, String image, String imageID, int exitCode) {
    String now = Instant.now().toString();
    return new ContainerStatusBuilder().withName(name).withImage(image).withImageID(imageID)
        .withContainerID("containerd://" + name).withReady(false).withStarted(false).withRestartCount(0)
        .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
            .withReason(exitCode == 0 ? "Completed" : "Error").withStartedAt(now).withFinishedAt(now)
            .withContainerID("containerd://" + name).endTerminated().build())
        .build();
  }

  /**
   * What a kubelet does once it has stopped the containers of a pod being deleted (or evicted): it removes the pod
   * for good with a grace period of zero. Without a node, a deleted pod otherwise stays Terminating.
   */
  public void finishTermination(String namespace, String pod) {
    client.pods().inNamespace(namespace).withName(pod).withGracePeriod(0).delete();
    client.pods().inNamespace(namespace).withName(pod).waitUntilCondition(p -> p == null, 10,
        java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Any other status change, applied to the latest pod and written through {@code /status}. */
  public Pod edit(String namespace, String pod, StatusEdit edit) {
    return client.pods().inNamespace(namespace).withName(pod).editStatus(p -> {
      PodStatus status = p.getStatus() == null ? new PodStatus() : p.getStatus();
      status.setContainerStatuses(new ArrayList<>(status.getContainerStatuses()));
      status.setEphemeralContainerStatuses(new ArrayList<>(status.getEphemeralContainerStatuses()));
      edit.apply(p, status);
      p.setStatus(status);
      return p;
    });
  }

  /** A change to the status of the (latest) pod. */
  @FunctionalInterface
  public interface StatusEdit {
    void apply(Pod pod, PodStatus status);
  }

  private static void upsert(List<ContainerStatus> statuses, ContainerStatus status) {
    statuses.removeIf(s -> status.getName().equals(s.getName()));
    statuses.add(status);
  }

  private static String imageOf(Pod pod, String container) {
    return pod.getSpec().getEphemeralContainers().stream().filter(c -> container.equals(c.getName()))
        .map(io.fabric8.kubernetes.api.model.EphemeralContainer::getImage).findFirst().orElse("");
  }
}
