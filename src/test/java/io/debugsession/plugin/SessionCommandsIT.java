package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.cluster.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** list, describe, attach, end, approve and deny against the real API server, with the operator deciding. */
class SessionCommandsIT extends PluginTestBase {

  @Test
  void listShowsPhaseRequesterPodExpiryAndAgeInTableWideJsonAndAllNamespaces() {
    activeSession("inc-20");

    PluginRun table = plugin(TestUser.REQUESTER, "list", "-n", NS);
    PluginRun wide = plugin(TestUser.AUDITOR, "list", "-A", "-o", "wide");
    PluginRun json = plugin(TestUser.REQUESTER, "list", "-n", NS, "-o", "json");

    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out().lines().toList()).hasSize(2);
    assertThat(table.out().lines().findFirst().orElseThrow())
        .matches("NAME +PHASE +REQUESTER +POD +EXPIRES +AGE");
    assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
        .matches("inc-20 +Active +alice +checkout +in [45]m\\d*s? +\\d+s");
    assertThat(wide.out()).startsWith("NAMESPACE").contains("CONTAINER").containsPattern("\npayments +inc-20 +Active +alice +checkout ")
        .contains("busybox:1.37").contains("baseline");
    assertThat(json.out()).contains("\"kind\" : \"List\"").contains("\"name\" : \"inc-20\"");
  }

  @Test
  void listInAnEmptyNamespaceSaysSo() {
    PluginRun run = plugin(TestUser.REQUESTER, "list", "-n", NS);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("No debug sessions found in namespace payments.\n");
  }

  @Test
  void attachRunsKubectlAttachIntoTheSessionsDebugger() {
    DebugSession session = activeSession("inc-21");

    PluginRun run = plugin(TestUser.REQUESTER, "attach", "inc-21", "-n", NS);

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.commands()).containsExactly(List.of("kubectl", "attach", "-it", "-n", NS, POD, "-c",
        session.getStatus().getContainerName(), "--kubeconfig=" + kubeconfig(TestUser.REQUESTER)));
    assertThat(run.out()).contains("The application's files are under /proc/1/root");
  }

  @Test
  void endByTheRequesterEndsTheSessionAndDescribeShowsItsTimeline() {
    String container = activeSession("inc-22").getStatus().getContainerName();

    PluginRun auditorEnds = plugin(TestUser.AUDITOR, "end", "inc-22", "-n", NS);
    PluginRun end = plugin(TestUser.REQUESTER, "end", "inc-22", "-n", NS);
    awaitPhase("inc-22", Phase.Ended);
    PluginRun describe = plugin(TestUser.AUDITOR, "describe", "inc-22", "-n", NS);
    PluginRun attach = plugin(TestUser.REQUESTER, "attach", "inc-22", "-n", NS);

    assertThat(auditorEnds.exit()).isEqualTo(1);
    assertThat(auditorEnds.err()).isEqualTo("error: forbidden: you may not patch debugsessions.debugsession.io/inc-22 "
        + "in namespace payments (ask your cluster administrator for that permission, e.g. the "
        + "debugsession-requester or debugsession-approver role); the API server said: debugsessions.debugsession.io "
        + "\"inc-22\" is forbidden: User \"carol\" cannot patch resource \"debugsessions\" in API group "
        + "\"debugsession.io\" in the namespace \"payments\"\n");
    assertThat(end.exit()).as(end.toString()).isZero();
    assertThat(end.out()).startsWith("debugsession/inc-22 end requested by alice");
    assertThat(describe.exit()).as(describe.toString()).isZero();
    assertThat(describe.out()).contains("Phase:      Ended").contains("Requester:  alice")
        .contains("Reason:     INC-7: 502s");
    List<String> timeline = describe.out().lines().dropWhile(l -> !l.equals("Timeline:")).skip(1)
        .takeWhile(l -> l.startsWith("  ")).map(l -> l.replaceFirst("^  \\S+  ", "")).toList();
    assertThat(timeline).first().isEqualTo("Requested by alice: INC-7: 502s");
    assertThat(timeline).anyMatch(l -> l.equals("Injected debug container " + container + " into pod checkout"))
        .anyMatch(l -> l.startsWith("Operator sent TERM (EndRequested)"))
        .anyMatch(l -> l.startsWith("Stopped by OperatorSignal"));
    assertThat(timeline).last().isEqualTo("Ended by alice (EndRequested)");
    assertThat(describe.out()).contains("Conditions:").containsPattern("Stopped +True +OperatorSignal");
    assertThat(attach.exit()).isEqualTo(1);
    assertThat(attach.err()).startsWith("error: debugsession \"inc-22\" is Ended, not Active: there is no debugger "
        + "to attach to");
  }

  @Test
  void bobDeniesWithAReasonAndTheRequesterCannotDecideTheirOwnSession() {
    runningPod();
    createPolicy("needs-lead", """
        namespaces: [payments]
        approval:
          required: true
          approvers:
            groups: [sre-leads]
        """);
    PluginRun start = plugin(TestUser.REQUESTER, "start", POD, "-n", NS, "--name", "inc-23", "--reason", "INC-23",
        "--timeout", "4s");
    awaitPhase("inc-23", Phase.AwaitingApproval);

    PluginRun self = plugin(TestUser.REQUESTER, "approve", "inc-23", "-n", NS);
    PluginRun deny = plugin(TestUser.APPROVER, "deny", "inc-23", "-n", NS, "--reason", "use the runbook");
    DebugSession denied = awaitPhase("inc-23", Phase.Denied);

    assertThat(start.exit()).isEqualTo(1);
    assertThat(start.err()).isEqualTo("error: timed out after 4s waiting for the session to start (debugsession "
        + "\"inc-23\" is AwaitingApproval)\n");
    assertThat(self.exit()).isEqualTo(1);
    assertThat(self.err()).isEqualTo("error: you (alice) asked for debugsession \"inc-23\": someone else must "
        + "approve or deny it\n");
    assertThat(deny.exit()).as(deny.toString()).isZero();
    assertThat(denied.getSpec().getApproval().getGroups()).containsExactly("sre-leads");
    assertThat(denied.getStatus().getApprover()).isEqualTo("bob");
  }

  @Test
  void namesAMissingSessionAndAMissingPermission() {
    PluginRun missing = plugin(TestUser.REQUESTER, "describe", "ghost", "-n", NS);
    PluginRun forbidden = plugin(TestUser.NOBODY, "list", "-n", NS);

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: debugsession \"ghost\" not found in namespace payments\n");
    assertThat(forbidden.exit()).isEqualTo(1);
    assertThat(forbidden.err()).isEqualTo("error: forbidden: you may not list debugsessions.debugsession.io in "
        + "namespace payments (ask your cluster administrator for that permission, e.g. the debugsession-requester, "
        + "-approver or -auditor role); the API server said: debugsessions.debugsession.io is forbidden: User "
        + "\"mallory\" cannot list resource \"debugsessions\" in API group \"debugsession.io\" in the namespace "
        + "\"payments\"\n");
  }
}
