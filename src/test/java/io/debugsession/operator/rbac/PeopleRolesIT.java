package io.debugsession.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ClusterRoles for people in config/rbac, bound as config/rbac/examples binds them, as the real API server
 * authorises them: alice to debugsession-requester in one namespace, bob to debugsession-approver and carol to
 * debugsession-auditor cluster-wide, mallory to nothing (see TestNamespace).
 */
class PeopleRolesIT {

  private static final String NS = "roles";
  private static final String SESSION = "someone-elses";
  private static RealCluster cluster;

  @BeforeAll
  static void namespaceWithASession() {
    cluster = RealCluster.get();
    try (KubernetesClient admin = cluster.client(TestUser.ADMIN);
        KubernetesClient alice = cluster.client(TestUser.REQUESTER)) {
      TestNamespace.prepare(admin, NS);
      alice.resource(admin.getKubernetesSerialization().unmarshal("""
          apiVersion: debugsession.io/v1alpha1
          kind: DebugSession
          metadata: {name: %s, namespace: %s}
          spec:
            target: {pod: checkout}
            image: busybox:1.37
            reason: INC-42
            requester: alice
          """.formatted(SESSION, NS), DebugSession.class)).create();
    }
  }

  @Test
  void auditorReadsSessionsPoliciesAndEventsEverywhereButChangesNothing() {
    try (KubernetesClient carol = cluster.client(TestUser.AUDITOR)) {
      assertThat(carol.resources(DebugSession.class).inAnyNamespace().list().getItems()).isNotNull();
      assertThat(carol.resources(DebugPolicy.class).list().getItems()).isNotNull();
      assertThat(carol.v1().events().inAnyNamespace().list().getItems()).isNotNull();

      assertThat(forbidden(() -> carol.resources(DebugSession.class).inNamespace(NS).withName(SESSION)
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"end\":true}}")))
          .contains("User \"carol\" cannot patch resource \"debugsessions\"");
    }
  }

  @Test
  void requesterWorksOnlyInTheNamespaceSheIsBoundInAndCannotDelete() {
    try (KubernetesClient alice = cluster.client(TestUser.REQUESTER)) {
      assertThat(alice.resources(DebugSession.class).inNamespace(NS).list().getItems()).isNotEmpty();

      assertThat(forbidden(() -> alice.resources(DebugSession.class).inNamespace("default").list()))
          .contains("User \"alice\" cannot list resource \"debugsessions\"");
      assertThat(forbidden(() -> alice.resources(DebugSession.class).inNamespace(NS).withName(SESSION).delete()))
          .contains("User \"alice\" cannot delete resource \"debugsessions\"");
      assertThat(forbidden(() -> alice.resources(DebugPolicy.class).list()))
          .contains("User \"alice\" cannot list resource \"debugpolicies\"");
    }
  }

  @Test
  void approverReadsPoliciesAndSessionsEverywhereButCannotChangePolicies() {
    try (KubernetesClient bob = cluster.client(TestUser.APPROVER)) {
      assertThat(bob.resources(DebugSession.class).inAnyNamespace().list().getItems()).isNotEmpty();
      assertThat(bob.resources(DebugPolicy.class).list().getItems()).isNotNull();

      DebugPolicy looser = bob.getKubernetesSerialization().unmarshal(
          "apiVersion: debugsession.io/v1alpha1\nkind: DebugPolicy\nmetadata: {name: looser}\nspec: {}\n",
          DebugPolicy.class);
      assertThat(forbidden(() -> bob.resource(looser).create()))
          .contains("User \"bob\" cannot create resource \"debugpolicies\"");
      assertThat(forbidden(() -> bob.resources(DebugSession.class).inNamespace(NS).withName(SESSION).delete()))
          .contains("User \"bob\" cannot delete resource \"debugsessions\"");
    }
  }

  @Test
  void userWithoutARoleSeesNothing() {
    try (KubernetesClient mallory = cluster.client(TestUser.NOBODY)) {
      assertThat(forbidden(() -> mallory.resources(DebugSession.class).inNamespace(NS).list()))
          .contains("User \"mallory\" cannot list resource \"debugsessions\"");
    }
  }

  /** The API server's refusal of {@code request}: HTTP 403 with its message. */
  private static String forbidden(ThrowingCallable request) {
    Throwable refusal = catchThrowable(request);
    assertThat(refusal).isInstanceOf(KubernetesClientException.class);
    assertThat(((KubernetesClientException) refusal).getCode()).isEqualTo(403);
    return ((KubernetesClientException) refusal).getStatus().getMessage();
  }
}
