package io.debugsession.plugin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Which of a pod's containers the debugger joins: the one asked for, or the only one; a clear error otherwise. */
final class TargetContainer {

  private TargetContainer() {}

  static String choose(Pod pod, String requested) {
    List<String> names = pod.getSpec().getContainers().stream().map(Container::getName).toList();
    String podName = pod.getMetadata().getName();
    if (requested != null) {
      if (!names.contains(requested)) {
        throw new PluginException("container \"" + requested + "\" not found in pod " + podName
            + "; its containers: " + String.join(", ", names));
      }
      return requested;
    }
    if (names.size() != 1) {
      throw new PluginException("pod " + podName + " has " + names.size() + " containers (" + String.join(", ", names)
          + "): choose one with -c");
    }
    return names.get(0);
  }
}
