package io.debugsession.operator.admission;

import static io.debugsession.operator.admission.SessionRequests.SESSION;
import static io.debugsession.operator.admission.SessionRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.container.DebugContainerName;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * debugsession-debugger-access on the real API server: only a session's requester attaches to or execs into its
 * debugger. alice's session's debug container is in the pod, added the only way the bypass guard lets anyone add
 * one (the operator's account); alice, bob and mallory may all attach and exec here (RBAC on pods/attach and
 * pods/exec), so that what stops them is admission, not RBAC.
 *
 * <p>Each request is sent as kubectl's would be, without the stream upgrade: the server authorises it, runs admission
 * on the CONNECT, finds the pod and container, and only then looks up the pod's node to reach its kubelet. The test
 * cluster has no Node objects, so a request admission let through fails there (404 {@code pods "node-1" not found},
 * the node getter naming the wrong resource); one admission refused gets its 403.
 */
class DebuggerAccessPolicyIT extends AdmissionTestBase {

  private static final String POLICY = "debugsession-debugger-access";
  private static final String POD = "checkout-7d9f";
  private static final String REACHED_THE_NODE_LOOKUP = "pods \"node-1\" not found";
  /** Attach and exec, over a WebSocket (get) or SPDY (create), as a Role for people who debug grants them. */
  private static final String EXEC_ROLE = "test-pods-attach-exec";

  private String debugger;

  DebuggerAccessPolicyIT() {
    super("admission-debugger-access");
  }

  @BeforeEach
  void alicesDebuggerRuns() {
    admin.resource(new ClusterRoleBuilder().withNewMetadata().withName(EXEC_ROLE).endMetadata()
        .addNewRule().withApiGroups("").withResources("pods/attach", "pods/exec").withVerbs("get", "create").endRule()
        .build()).forceConflicts().serverSideApply();
    for (TestUser user : new TestUser[] {TestUser.REQUESTER, TestUser.APPROVER, TestUser.NOBODY}) {
      grant(namespace, EXEC_ROLE, user.userName());
    }
    admin.resource(TestPods.scheduledApp(namespace, POD)).create();
    DebugSession session = as(TestUser.REQUESTER).resource(session(namespace, "alice")).create();
    debugger = DebugContainerName.of(SESSION, session.getMetadata().getUid());
    asOperator().pods().resource(TestPods.withDebugContainer(admin.pods().inNamespace(namespace).withName(POD).get(),
        TestPods.debugContainer(debugger, "busybox:1.37", "app"))).ephemeralContainers().update();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"exec", "attach"})
  void refusesSomeoneWhoIsNotTheRequester(String subresource) {
    // Act and Assert: admission reads sessions from an informer, a moment after they are written
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(connect(as(TestUser.NOBODY), subresource, debugger)).isEqualTo(refusal()));
  }

  @Test
  void refusesAnApproverToo() {
    // Act and Assert
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(connect(as(TestUser.APPROVER), "attach", debugger)).isEqualTo(refusal()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"exec", "attach"})
  void admitsTheRequester(String subresource) {
    // Arrange: wait until admission refuses someone else, so that it knows the session
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(connect(as(TestUser.NOBODY), subresource, debugger)).isEqualTo(refusal()));

    // Act
    String answer = connect(as(TestUser.REQUESTER), subresource, debugger);

    // Assert
    assertThat(answer).isEqualTo("404 " + REACHED_THE_NODE_LOOKUP);
  }

  @Test
  void admitsTheOperatorWhoseStopExecsIntoTheDebugger() {
    // Arrange
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(connect(as(TestUser.NOBODY), "exec", debugger)).isEqualTo(refusal()));

    // Act
    String answer = connect(asOperator(), "exec", debugger);

    // Assert
    assertThat(answer).isEqualTo("404 " + REACHED_THE_NODE_LOOKUP);
  }

  @Test
  void leavesTheOtherContainersOfThePodAlone() {
    // Arrange
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(connect(as(TestUser.NOBODY), "exec", debugger)).isEqualTo(refusal()));

    // Act: mallory's role lets her exec into the app itself; that is RBAC's business
    String answer = connect(as(TestUser.NOBODY), "exec", "app");

    // Assert
    assertThat(answer).isEqualTo("404 " + REACHED_THE_NODE_LOOKUP);
  }

  @Test
  void admitsAClusterAdministratorWhoMayWriteSessionsStatus() {
    // Act: who may write status could remove the policy as well; README.md says so
    String answer = connect(admin, "exec", debugger);

    // Assert
    assertThat(answer).isEqualTo("404 " + REACHED_THE_NODE_LOOKUP);
  }

  private String refusal() {
    return "403 pods \"" + POD + "\" is forbidden: ValidatingAdmissionPolicy '" + POLICY + "' with binding '" + POLICY
        + "' denied request: container " + debugger + " is the debugger of DebugSession " + SESSION + ": only its "
        + "requester, alice, may attach to it or exec into it";
  }

  /**
   * What the server answers {@code user}'s {@code pods/<subresource>} request for {@code container}, as kubectl
   * sends it (here without the stream upgrade): the status code and the Status message.
   */
  private String connect(KubernetesClient user, String subresource, String container) {
    String query = "?container=" + container + "&stdin=true&stdout=true&tty=true"
        + ("exec".equals(subresource) ? "&command=sh" : "");
    URI uri = URI.create(user.getMasterUrl().toString())
        .resolve("/api/v1/namespaces/" + namespace + "/pods/" + POD + "/" + subresource + query);
    HttpClient http = user.getHttpClient();
    HttpResponse<String> response;
    try {
      response = http.sendAsync(http.newHttpRequestBuilder().uri(uri).build(), String.class).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("No answer to " + uri, e);
    }
    Status status = user.getKubernetesSerialization().unmarshal(response.body(), Status.class);
    return response.code() + " " + status.getMessage();
  }
}
