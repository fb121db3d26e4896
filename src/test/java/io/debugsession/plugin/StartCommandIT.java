package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kubectl debugsession start} against the real API server, with the operator deciding. */
class StartCommandIT extends PluginTestBase {

  @Test
  void startsAsTheAuthenticatedUserWaitsForTheDebuggerAndRunsKubectlAttach() {
    runningPod();
    kubeletStartsDebuggerOf("inc-7");

    PluginRun run = plugin(TestUser.REQUESTER, "start", POD, "-n", NS, "--name", "inc-7", "--reason",
        "INC-7: 502s", "--ttl", "5m", "--", "sh", "-c", "exec sh");

    assertThat(run.exit()).as(run.toString()).isZero();
    DebugSession session = session("inc-7");
    assertThat(session.getSpec().getRequester()).isEqualTo("alice");
    // alice may not read pods (debugsession-requester): the operator picks the pod's only container.
    assertThat(session.getSpec().getTarget().getContainer()).isNull();
    assertThat(session.getStatus().getTargetContainer()).isEqualTo("app");
    assertThat(session.getSpec().getCommand()).containsExactly("sh");
    assertThat(session.getSpec().getArgs()).containsExactly("-c", "exec sh");
    String container = session.getStatus().getContainerName();
    assertThat(run.commands()).containsExactly(List.of("kubectl", "attach", "-it", "-n", NS, POD, "-c", container,
        "--kubeconfig=" + kubeconfig(TestUser.REQUESTER)));
    assertThat(run.out()).contains("debugsession/inc-7 created in namespace payments (requester alice)")
        .contains("Active")
        .contains("The application's files are under /proc/1/root")
        .contains("end it sooner with: kubectl debugsession end inc-7 -n payments");
  }

  @Test
  void printsEveryReasonOfADenialOnALineOfItsOwn() {
    runningPod();
    createPolicy("strict", """
        namespaces: [payments]
        images:
          allowed: ["registry.example/tools/debug"]
        ttl:
          default: 5m
          max: 10m
        """);

    PluginRun run = plugin(TestUser.REQUESTER, "start", POD, "-n", NS, "--name", "too-much", "--reason", "INC-8",
        "--ttl", "30m");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("""
        debugsession "too-much" was denied:
          - image "docker.io/library/busybox" is not allowed by DebugPolicy "strict" (allowed: registry.example/tools/debug)
          - ttl 30m exceeds the maximum 10m (DebugPolicy "strict")
        """);
    assertThat(run.commands()).isEmpty();
  }

  @Test
  void waitingForApprovalSaysWhoMayApproveAndAttachesOnceApproved() throws Exception {
    runningPod();
    createPolicy("needs-lead", """
        namespaces: [payments]
        approval:
          required: true
          approvers:
            users: [bob]
            groups: [sre-leads]
        """);
    kubeletStartsDebuggerOf("with-approval");
    Thread bob = new Thread(() -> {
      awaitPhase("with-approval", Phase.AwaitingApproval);
      PluginRun approve = plugin(TestUser.APPROVER, "approve", "with-approval", "-n", NS, "--reason", "INC-9 ok");
      assertThat(approve.exit()).as(approve.toString()).isZero();
    });
    bob.start();

    PluginRun run = plugin(TestUser.REQUESTER, "start", POD, "-n", NS, "--name", "with-approval", "--reason",
        "INC-9");
    bob.join();

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("""
        Who may approve:
          needs-lead: users bob or members of groups sre-leads
        They approve with:
          kubectl debugsession approve with-approval -n payments --reason "..."
        """);
    assertThat(session("with-approval").getStatus().getApprover()).isEqualTo("bob");
    assertThat(run.commands()).singleElement().satisfies(c -> assertThat(c).startsWith("kubectl", "attach", "-it"));
  }

  @Test
  void aMissingPodIsNamed() {
    PluginRun run = plugin(TestUser.ADMIN, "start", "nope", "-n", NS, "--reason", "INC-10");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: pod \"nope\" not found in namespace payments\n");
  }

  @Test
  void aMissingContainerIsNamedWithThePodsContainers() {
    admin.resource(new PodBuilder(io.debugsession.operator.testsupport.TestPods.scheduledApp(NS, POD)).editSpec()
        .addNewContainer().withName("sidecar").withImage("envoy").endContainer().endSpec().build()).create();

    PluginRun wrong = plugin(TestUser.ADMIN, "start", POD, "-n", NS, "-c", "web", "--reason", "INC-11");
    PluginRun none = plugin(TestUser.ADMIN, "start", POD, "-n", NS, "--reason", "INC-11");

    assertThat(wrong.err()).isEqualTo("error: container \"web\" not found in pod checkout; its containers: app, "
        + "sidecar\n");
    assertThat(none.err()).isEqualTo("error: pod checkout has 2 containers (app, sidecar): choose one with -c\n");
    assertThat(List.of(wrong.exit(), none.exit())).containsOnly(1);
  }

  @Test
  void someoneWithoutTheRequesterRoleIsToldWhichPermissionIsMissing() {
    runningPod();
    admin.resource(new ServiceAccountBuilder().withNewMetadata().withName("ci-bot").withNamespace(NS).endMetadata()
        .build()).serverSideApply();
    String botToken = admin.serviceAccounts().inNamespace(NS).withName("ci-bot")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
        .getStatus().getToken();
    Path botKubeconfig = cluster.server().kubeconfig("ci-bot", botToken);

    PluginRun person = plugin(TestUser.NOBODY, "start", POD, "-n", NS, "--reason", "INC-12");
    PluginRun bot = PluginRun.run("start", "--kubeconfig=" + botKubeconfig, POD, "-n", NS, "--reason", "INC-12");

    assertThat(List.of(person.exit(), bot.exit())).containsOnly(1);
    assertThat(person.err()).isEqualTo(forbiddenToCreate("User \"mallory\""));
    assertThat(bot.err()).isEqualTo(forbiddenToCreate("User \"system:serviceaccount:payments:ci-bot\""));
  }

  private static String forbiddenToCreate(String who) {
    return "error: forbidden: you may not create debugsessions.debugsession.io in namespace payments (ask your "
        + "cluster administrator for that permission, e.g. the debugsession-requester role); the API server said: "
        + "debugsessions.debugsession.io is forbidden: " + who + " cannot create resource \"debugsessions\" in API "
        + "group \"debugsession.io\" in the namespace \"payments\"\n";
  }
}
