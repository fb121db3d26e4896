package io.debugsession.operator.testsupport.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

/** The real control plane the ITs run on: its version, and that each test identity is who the server says. */
class RealClusterIT {

  private final RealCluster cluster = RealCluster.get();

  @Test
  void serverIsTheVersionPinnedInVersionsEnv() throws Exception {
    String pinned = java.nio.file.Files.readAllLines(java.nio.file.Path.of("test/cluster/versions.env")).stream()
        .filter(l -> l.startsWith("KUBERNETES_VERSION=")).findFirst().orElseThrow().substring(19);

    assertThat(cluster.server().version()).isEqualTo("v" + pinned);
  }

  @Test
  void eachTestUserIsAuthenticatedAsThemselves() {
    for (TestUser user : TestUser.values()) {
      try (KubernetesClient client = cluster.client(user)) {
        assertThat(whoAmI(client).getStatus().getUserInfo().getUsername()).isEqualTo(user.userName());
        assertThat(whoAmI(client).getStatus().getUserInfo().getGroups()).containsAll(user.groups())
            .contains("system:authenticated");
      }
    }
  }

  @Test
  void operatorTokenIsItsServiceAccount() {
    try (KubernetesClient operator = new KubernetesClientBuilder()
        .withConfig(KubeApiServer.config(cluster.server().url(), cluster.operatorToken(), "test")).build()) {
      assertThat(whoAmI(operator).getStatus().getUserInfo().getUsername()).isEqualTo(RealCluster.OPERATOR_USER);
    }
  }

  private static SelfSubjectReview whoAmI(KubernetesClient client) {
    return client.resource(new SelfSubjectReview()).create();
  }
}
