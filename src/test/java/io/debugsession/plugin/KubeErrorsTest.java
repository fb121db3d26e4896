package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class KubeErrorsTest {

  private static final String SERVER = "https://k8s:6443/";
  private static final KubeAction LIST = KubeAction.of("list", Api.SESSIONS, "shop");

  @Test
  void aMissingResourceTypeMeansTheCrdsAreNotInstalled() {
    Status notFound = new StatusBuilder().withCode(404).withReason("NotFound")
        .withMessage("the server could not find the requested resource").build();

    assertThat(KubeErrors.describe(new KubernetesClientException(notFound), LIST, SERVER))
        .isEqualTo("the debugsessions.debugsession.io API is not installed in this cluster (the API server has no "
            + "such resource): " + Api.INSTALL_HINT);
  }

  @Test
  void aMissingObjectIsNamed() {
    Status notFound = new StatusBuilder().withCode(404).withNewDetails().withName("checkout").withKind("pods")
        .endDetails().withMessage("pods \"checkout\" not found").build();

    assertThat(KubeErrors.describe(new KubernetesClientException(notFound),
        KubeAction.named("get", "pods", "checkout", "shop"), SERVER))
        .isEqualTo("pods \"checkout\" not found in namespace shop");
  }

  @Test
  void anUnreachableServerIsNamed() {
    KubernetesClientException e = new KubernetesClientException("failed", new ConnectException());

    assertThat(KubeErrors.describe(e, LIST, SERVER))
        .isEqualTo("cannot reach the cluster at https://k8s:6443/: connection refused");
  }
}
