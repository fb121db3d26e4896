package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class TargetContainerTest {

  private static Pod pod(String... containers) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().endSpec();
    for (String c : containers) {
      pod.editSpec().addNewContainer().withName(c).endContainer().endSpec();
    }
    return pod.build();
  }

  @Test
  void theOnlyContainerOrTheOneAskedFor() {
    assertThat(TargetContainer.choose(pod("app"), null)).isEqualTo("app");
    assertThat(TargetContainer.choose(pod("app", "proxy"), "proxy")).isEqualTo("proxy");
  }

  @Test
  void anUnknownOrAmbiguousContainerListsThePodsContainers() {
    assertThatThrownBy(() -> TargetContainer.choose(pod("app", "proxy"), "db"))
        .hasMessage("container \"db\" not found in pod web; its containers: app, proxy");
    assertThatThrownBy(() -> TargetContainer.choose(pod("app", "proxy"), null))
        .hasMessage("pod web has 2 containers (app, proxy): choose one with -c");
  }
}
