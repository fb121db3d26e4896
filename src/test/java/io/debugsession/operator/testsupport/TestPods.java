package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Small pods and debug containers for tests, so each test states only what it is about. */
public final class TestPods {

  private TestPods() {
  }

  /** A one-container pod ("app", distroless-like image), not scheduled, no status. */
  public static Pod app(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).addToLabels("app", name).endMetadata()
        .withNewSpec()
        .addNewContainer().withName("app").withImage("gcr.io/distroless/java17-debian12:nonroot").endContainer()
        .endSpec()
        .build();
  }

  /** The same pod bound to a node, as every running pod on a real cluster is. */
  public static Pod scheduledApp(String namespace, String name) {
    Pod pod = app(namespace, name);
    pod.getSpec().setNodeName("node-1");
    return pod;
  }

  /**
   * A scheduled pod that Pod Security's {@code restricted} standard admits: non-root, no privilege escalation, no
   * capabilities, the runtime's default seccomp profile.
   */
  public static Pod restrictedApp(String namespace, String name) {
    return new PodBuilder(scheduledApp(namespace, name)).editSpec()
        .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
        .endSeccompProfile().endSecurityContext()
        .editFirstContainer().withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities()
        .withDrop("ALL").endCapabilities().endSecurityContext().endContainer()
        .endSpec().build();
  }

  public static EphemeralContainer debugContainer(String name, String image, String target) {
    return new EphemeralContainerBuilder()
        .withName(name)
        .withImage(image)
        .withTargetContainerName(target)
        .withCommand("sleep", "3600")
        .build();
  }

  /** A copy of {@code pod} with {@code container} appended to spec.ephemeralContainers. */
  public static Pod withDebugContainer(Pod pod, EphemeralContainer container) {
    return new PodBuilder(pod).editSpec().addToEphemeralContainers(container).endSpec().build();
  }
}
