package io.debugsession.operator.e2e;

import static io.debugsession.operator.e2e.NodeScenario.POD_START;
import static io.debugsession.operator.e2e.NodeScenario.SESSION_LIFETIME;
import static io.debugsession.operator.e2e.NodeScenario.app;
import static io.debugsession.operator.e2e.NodeScenario.condition;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Debuggers that try to outlive their TTL as a root user in their own container would, on the real node. Each is
 * stopped (the kubelet reports the debug container terminated) or escalated (its pod evicted), and the outcome is
 * printed as {@code [escape]}. A TERM-ignoring debugger and one that kills its watchdog alone are in
 * {@link SessionStopE2E}.
 */
@ExtendWith(WallTimeReport.class)
class StopEscapeE2E {

  private static final String IGNORE_TERM_FOREVER = "trap '' TERM; echo ready; while true; do sleep 1; done";

  private static RealNodeCluster cluster;
  private static KubernetesClient admin;
  private static KubernetesClient alice;

  @BeforeAll
  static void clients() {
    cluster = RealNodeCluster.get();
    admin = cluster.client(TestUser.ADMIN);
    alice = cluster.client(TestUser.REQUESTER);
  }

  @AfterAll
  static void closeClients() {
    if (alice != null) {
      alice.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatKillsItsWatchdogAndHidesInANewMountNamespaceIsStoppedByTheOperatorsKill() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-unshare");
    // unshare -m needs CAP_SYS_ADMIN: the sysadmin profile, the most a policy can give.
    scenario.policy("Stop", "Report", "[sysadmin]");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      // Every process of it ignores TERM (an ignored signal stays ignored across fork and exec): only KILL ends it;
      // the operator's KILL, selected by cgroup, reaches the shell inside unshare and the wrapper alike.
      Active active = activate(scenario, "unshare", Profile.SYSADMIN, "trap '' TERM; " + NodeScenario.KILL_WATCHDOG
          + "unshare -m sh -c \"echo in a new mount namespace; " + IGNORE_TERM_FOREVER + "\"; "
          + "echo unshare failed; " + IGNORE_TERM_FOREVER);

      ContainerStateTerminated stopped = awaitTerminated(scenario, active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("unshare", Phase.Expired, Duration.ofSeconds(30));

      String log = scenario.log("shop", active.container());
      assertThat(log).contains("killed the watchdog").contains("in a new mount namespace");
      assertThat(stopped.getExitCode()).isEqualTo(137);
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
      scenario.assertApplicationUntouched("shop", appBefore);
      escape("kill watchdog + unshare -m + ignore TERM", "stopped: the kubelet reports terminated "
          + stopped.getExitCode() + " " + Duration.between(active.expiresAt(), Instant.parse(stopped.getFinishedAt()))
          + " after expiresAt; Stopped=" + condition(expired, ConditionType.Stopped).getReason()
          + "; the application untouched");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatKillsItsWatchdogAndHidesInANewMountNamespaceStillGetsTheOperatorsTermAndItsGrace() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-unshare-term");
    scenario.policy("Stop", "Report", "[sysadmin]");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      // A debugger that wants its TERM: it cleans up and exits 0. The processes are selected by cgroup, so the
      // operator's TERM finds the shell that left the mount namespace (selected by mount namespace, it would not:
      // the container would end 137 by the KILL after the grace period, the shell never told).
      Active active = activate(scenario, "unshare-term", Profile.SYSADMIN, "trap 'echo outer shell got TERM' TERM; "
          + NodeScenario.KILL_WATCHDOG + "unshare -m sh -c \"trap 'echo TERM reached the new mount namespace; exit 0'"
          + " TERM; echo in a new mount namespace; while true; do sleep 1; done\"; echo the hidden shell ended");

      ContainerStateTerminated stopped = awaitTerminated(scenario, active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("unshare-term", Phase.Expired, Duration.ofSeconds(30));

      assertThat(scenario.log("shop", active.container())).contains("killed the watchdog")
          .contains("in a new mount namespace").contains("TERM reached the new mount namespace")
          .contains("the hidden shell ended");
      assertThat(stopped.getExitCode()).isZero();
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
      assertThat(expired.getStatus().getStop().getKillSentAt()).isNull();
      scenario.assertApplicationUntouched("shop", appBefore);
      escape("kill watchdog + unshare -m (handles TERM)", "stopped: the operator's TERM reached the shell in the new "
          + "mount namespace, which exited on its own terms; the kubelet reports terminated " + stopped.getExitCode()
          + " " + Duration.between(active.expiresAt(), Instant.parse(stopped.getFinishedAt()))
          + " after expiresAt; Stopped=OperatorSignal, no KILL; the application untouched");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatReplacesItsShellWithOneInANewMountNamespaceIsStoppedByItsWatchdog() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-exec-unshare");
    scenario.policy("Stop", "Report", "[sysadmin]");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      // The wrapper's only child now lives in another mount namespace and ignores TERM: the watchdog's KILL, selected
      // by cgroup, reaches it and the wrapper, the container's first process, at the deadline.
      Active active = activate(scenario, "exec-unshare", Profile.SYSADMIN,
          "trap '' TERM; exec unshare -m sh -c \"echo in a new mount namespace; " + IGNORE_TERM_FOREVER + "\"");

      ContainerStateTerminated stopped = awaitTerminated(scenario, active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("exec-unshare", Phase.Expired, Duration.ofSeconds(30));

      assertThat(scenario.log("shop", active.container())).contains("in a new mount namespace");
      assertThat(stopped.getExitCode()).isEqualTo(137);
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("DeadlineWrapper");
      scenario.assertApplicationUntouched("shop", appBefore);
      escape("exec unshare -m + ignore TERM (watchdog alive)", "stopped: the kubelet reports terminated "
          + stopped.getExitCode() + " " + Duration.between(active.expiresAt(), Instant.parse(stopped.getFinishedAt()))
          + " after expiresAt; Stopped=DeadlineWrapper (the watchdog's KILL reached the wrapper); the application "
          + "untouched");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatReplacesBinShSoTheStopLiesIsEvictedUnderAnEvictPolicy() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-fake-sh");
    scenario.policy("Stop", "Evict", "[general, baseline, restricted]");
    scenario.runningTarget("shop");
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      // /bin/sh becomes a script that prints what the stop script would and exits 0; PATH gets a fake sh too.
      Active active = activate(scenario, "fake-sh", Profile.GENERAL, NodeScenario.KILL_WATCHDOG
          + "cp /bin/busybox /tmp/busybox && rm -f /bin/sh"
          + " && printf '#!/tmp/busybox sh\\necho debugsession-stop signal=KILL signalled=2\\n' > /bin/sh"
          + " && chmod 755 /bin/sh && cp /bin/sh /usr/local/bin/sh 2>/dev/null; echo replaced /bin/sh; "
          + IGNORE_TERM_FOREVER);

      Instant failingSeen = awaitStopFailing(scenario, "fake-sh", SESSION_LIFETIME);
      // The evicted pod's containers get its termination grace period (30s) from the kubelet.
      DebugSession expired = scenario.awaitPhase("fake-sh", Phase.Expired, Duration.ofSeconds(120));
      Instant ended = Instant.now();

      DebugSession failing = expired;
      assertThat(failing.getStatus().getStop().getFailingSince()).isNotNull();
      assertThat(failing.getStatus().getStop().getSignalledProcesses()).as("what the fake sh said").isEqualTo(2);
      assertThat(failing.getStatus().getEviction().getEvictedAt()).isNotNull();
      assertThat(condition(expired, ConditionType.StopFailing).getStatus()).isEqualTo("False");
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isIn("PodEvicted", "PodGone");
      Instant failingSince = Instant.parse(failing.getStatus().getStop().getFailingSince());
      Instant evictedAt = Instant.parse(failing.getStatus().getEviction().getEvictedAt());
      scenario.timing("deadline->StopFailing(lying stop detected)", Duration.between(active.expiresAt(), failingSince));
      scenario.timing("StopFailing->evicted", Duration.between(failingSince, evictedAt));
      scenario.timing("deadline->session final", Duration.between(active.expiresAt(), ended));
      escape("kill watchdog + replace /bin/sh (and a sh first in PATH) + ignore TERM", "escalated: the exec "
          + "reported signalled=2 while the kubelet said Running; StopFailing "
          + Duration.between(active.expiresAt(), failingSince) + " after expiresAt (first seen by the test at "
          + failingSeen + "), pod evicted " + Duration.between(failingSince, evictedAt) + " later; Expired/"
          + condition(expired, ConditionType.Stopped).getReason() + " "
          + Duration.between(active.expiresAt(), ended) + " after expiresAt; the application got the eviction's "
          + "TERM from the kubelet, never a signal from the operator");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatDaemonisesATermIgnoringProcessIsStoppedWithItsWholeContainer() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-daemon");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      // Double fork: the daemon's parent exits at once, so it is reparented and no longer the debugger's child.
      Active active = activate(scenario, "daemon", Profile.GENERAL,
          "( ( trap '' TERM; echo daemon started; while true; do sleep 1; done ) & ); " + IGNORE_TERM_FOREVER);

      ContainerStateTerminated stopped = awaitTerminated(scenario, active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("daemon", Phase.Expired, Duration.ofSeconds(30));

      assertThat(scenario.log("shop", active.container())).contains("daemon started");
      assertThat(stopped.getExitCode()).isEqualTo(137);
      scenario.assertApplicationUntouched("shop", appBefore);
      escape("double-forked TERM-ignoring daemon", "stopped: the kubelet reports terminated "
          + stopped.getExitCode() + " " + Duration.between(active.expiresAt(), Instant.parse(stopped.getFinishedAt()))
          + " after expiresAt; Stopped=" + condition(expired, ConditionType.Stopped).getReason()
          + "; the application untouched");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatKillsItsWatchdogAndIgnoresTermIsKilledByTheOperator() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-watchdog");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "no-watchdog", Profile.GENERAL,
          "trap '' TERM; " + NodeScenario.KILL_WATCHDOG + IGNORE_TERM_FOREVER);

      ContainerStateTerminated stopped = awaitTerminated(scenario, active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("no-watchdog", Phase.Expired, Duration.ofSeconds(30));

      assertThat(scenario.log("shop", active.container())).contains("killed the watchdog");
      assertThat(stopped.getExitCode()).isEqualTo(137);
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
      assertThat(expired.getStatus().getStop().getKillSentAt()).isNotNull();
      scenario.assertApplicationUntouched("shop", appBefore);
      escape("kill watchdog + ignore TERM", "stopped: the kubelet reports terminated " + stopped.getExitCode() + " "
          + Duration.between(active.expiresAt(), Instant.parse(stopped.getFinishedAt()))
          + " after expiresAt; Stopped=OperatorSignal (TERM, KILL after the grace period); the application untouched");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aDebuggerThatIgnoresTermIsKilledByItsWatchdog() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-esc-term");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "ignores-term", Profile.GENERAL, "trap '' TERM; " + IGNORE_TERM_FOREVER);

      ContainerStateTerminated stopped = awaitTerminated(scenario, active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("ignores-term", Phase.Expired, Duration.ofSeconds(30));

      assertThat(stopped.getExitCode()).isEqualTo(137);
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("DeadlineWrapper");
      scenario.assertApplicationUntouched("shop", appBefore);
      escape("ignore TERM", "stopped: the kubelet reports terminated " + stopped.getExitCode() + " "
          + Duration.between(active.expiresAt(), Instant.parse(stopped.getFinishedAt()))
          + " after expiresAt; Stopped=DeadlineWrapper (the watchdog's KILL reached the wrapper); the application "
          + "untouched");
    }
  }

  private static void escape(String attempt, String outcome) {
    synchronized (System.out) {
      System.out.println("[escape] " + attempt + ": " + outcome);
    }
  }

  private static Active activate(NodeScenario scenario, String session, Profile profile, String shellCommand) {
    scenario.createSession(session, "shop", spec -> {
      spec.setProfile(profile);
      spec.setCommand(List.of("sh", "-c", shellCommand));
    });
    DebugSession active = scenario.awaitPhase(session, Phase.Active, Duration.ofSeconds(30));
    String container = active.getStatus().getContainerName();
    scenario.awaitDebugContainer("shop", container, NodeScenario::running, POD_START);
    return new Active(container, Instant.parse(active.getStatus().getExpiresAt()));
  }

  private static Instant awaitStopFailing(NodeScenario scenario, String session, Duration timeout) {
    org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
      DebugSession s = scenario.session(session);
      Condition c = s == null || s.getStatus() == null ? null
          : Conditions.find(s.getStatus().getConditions(), ConditionType.StopFailing);
      return c != null;
    });
    return Instant.now();
  }

  private static ContainerStateTerminated awaitTerminated(NodeScenario scenario, Active active, Duration timeout) {
    return scenario.awaitDebugContainer("shop", active.container(), NodeScenario::terminated, timeout).getState()
        .getTerminated();
  }

  private record Active(String container, Instant expiresAt) {
  }
}
