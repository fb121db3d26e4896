package io.debugsession.operator.e2e;

import static io.debugsession.operator.e2e.NodeScenario.POD_START;
import static io.debugsession.operator.e2e.NodeScenario.SESSION_LIFETIME;
import static io.debugsession.operator.e2e.NodeScenario.app;
import static io.debugsession.operator.e2e.NodeScenario.condition;
import static io.debugsession.operator.e2e.NodeScenario.running;
import static io.debugsession.operator.e2e.NodeScenario.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * How a debugger is stopped on a real node: at its TTL by its own deadline wrapper (layer 1), on an end request or a
 * deletion by the operator's exec (layer 2), by a replaced operator, and by evicting its pod under a StopAndEvict
 * policy. Every verdict is the kubelet's ({@code status.ephemeralContainerStatuses}, the containers' logs through
 * {@code pods/log}); the session's status is checked against it.
 *
 * <p>The application is the signal recorder (no shell; logs every signal it receives, exits on TERM): "no signal in
 * its log, same container, no restart" proves the stop never touched it.
 *
 * <p>The tests wait for 1m TTLs (the CRD's minimum), so they run side by side, each in a namespace of its own with an
 * operator of its own ({@link NodeOperator}): the class takes about as long as its slowest test.
 */
@ExtendWith(WallTimeReport.class)
class SessionStopE2E {

  private static final Duration GRACE = NodeOperator.TIMING.stopGracePeriod();
  /** When the operator steps in at expiry if the debugger still runs: after the wrapper's grace, and its slack. */
  private static final Duration OPERATOR_STOP_DELAY = GRACE.plus(NodeOperator.TIMING.deadlineSlack());

  /**
   * A debugger that ignores SIGTERM: its shell handles TERM without exiting (and says when it came), its sleeps die
   * and are started again. Only SIGKILL ends it.
   */
  private static final String IGNORES_TERM =
      "trap 'echo TERM received at `date +%s`' TERM; echo ready; while true; do sleep 1; done";
  private static final Pattern TERM_RECEIVED = Pattern.compile("TERM received at (\\d+)");

  private static final String KILLS_ITS_WATCHDOG =
      NodeScenario.KILL_WATCHDOG + "echo ready; while true; do sleep 1; done";

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
  void atItsTtlTheDebuggerIsStoppedWhileTheApplicationIsNeitherSignalledNorRestarted() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-expiry");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "expiry", "shop", "");
      // The application's own record, read through the debugger: it exists, and no signal is in it yet.
      NodeScenario.Exec record = scenario.exec("shop", active.container(), "cat", "/proc/1/root/tmp/signals");
      assertThat(record.exitCode()).as(record.toString()).isZero();
      assertThat(record.stdout()).as("/tmp/signals of the application before expiry").isEmpty();

      ContainerStateTerminated stopped = awaitTerminated(scenario, "shop", active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("expiry", Phase.Expired, Duration.ofSeconds(30));

      Instant finishedAt = Instant.parse(stopped.getFinishedAt());
      scenario.timing("deadline->terminated(kubelet finishedAt)", Duration.between(active.expiresAt(), finishedAt));
      assertThat(finishedAt).as("the kubelet's finishedAt, against expiresAt " + active.expiresAt())
          .isAfterOrEqualTo(active.expiresAt()).isBefore(active.expiresAt().plus(OPERATOR_STOP_DELAY));
      // An interactive shell ignores TERM: the wrapper's KILL ended it after the grace period.
      assertThat(stopped.getExitCode()).isEqualTo(137);
      // Anyone who may get pods reads this status: the terminal's last lines must not be copied into it.
      assertThat(stopped.getMessage()).as("termination message in the pod's status").isNull();
      assertThat(expired.getStatus().getEndReason()).isEqualTo("Expired");
      assertThat(condition(expired, ConditionType.Stopped)).satisfies(c -> {
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).as(c.getMessage()).isEqualTo("DeadlineWrapper");
      });
      assertThat(expired.getStatus().getStop().getTermSentAt()).as("the operator sent no signal").isNull();
      assertThat(expired.getStatus().getDebugContainer().getState()).isEqualTo("Terminated");
      assertThat(expired.getStatus().getDebugContainer().getExitCode()).isEqualTo(137);
      scenario.assertApplicationUntouched("shop", appBefore);
      assertThat(auditEvents(operator, "expiry"))
          .containsExactly("requested", "injected", "container-running", "expired");
      printTranscript(scenario, "expiry", "shop");
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void atItsTtlADebuggerThatIgnoresTermIsKilledAfterTheGracePeriod() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-term-ignored");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "ignores-term", "shop", IGNORES_TERM);

      ContainerStateTerminated stopped = awaitTerminated(scenario, "shop", active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("ignores-term", Phase.Expired, Duration.ofSeconds(30));

      long termReceived = termReceivedAt(scenario.log("shop", active.container()));
      long killedAt = Instant.parse(stopped.getFinishedAt()).getEpochSecond();
      scenario.timing("TERM->KILL(TERM-ignoring debugger, layer 1)", Duration.ofSeconds(killedAt - termReceived));
      assertThat(stopped.getExitCode()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(termReceived).as("TERM no earlier than the deadline").isGreaterThanOrEqualTo(
          active.expiresAt().getEpochSecond());
      // Both times are whole seconds: a KILL at least GRACE after the TERM cannot be less apart than GRACE.
      assertThat(killedAt - termReceived).as("seconds from TERM to the kubelet's finishedAt")
          .isBetween(GRACE.toSeconds(), GRACE.toSeconds() + 2);
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("DeadlineWrapper");
      scenario.assertApplicationUntouched("shop", appBefore);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void endingEarlyStopsADebuggerThatIgnoresTermAtOnceWithKillAfterTheGracePeriod() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-end");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "ended", "shop", IGNORES_TERM);

      Instant endAt = Instant.now();
      scenario.endAsRequester("ended");
      ContainerStateTerminated stopped = awaitTerminated(scenario, "shop", active, Duration.ofSeconds(30));
      Instant seenTerminated = Instant.now();
      DebugSession ended = scenario.awaitPhase("ended", Phase.Ended, Duration.ofSeconds(30));

      Instant termSentAt = Instant.parse(ended.getStatus().getStop().getTermSentAt());
      scenario.timing("end->TERM(operator)", Duration.between(endAt, termSentAt));
      scenario.timing("end->terminated(seen by the test)", Duration.between(endAt, seenTerminated));
      assertThat(Duration.between(endAt, termSentAt)).as("from the end request to the operator's TERM")
          .isLessThan(Duration.ofSeconds(5));
      assertThat(Duration.between(endAt, seenTerminated)).as("from the end request to the kubelet's report")
          .isLessThan(GRACE.plusSeconds(10));
      String log = scenario.log("shop", active.container());
      assertThat(stopped.getExitCode()).as("killed by SIGKILL; its log:\n" + log).isEqualTo(137);
      long termReceived = termReceivedAt(log);
      long killedAt = Instant.parse(stopped.getFinishedAt()).getEpochSecond();
      scenario.timing("TERM->KILL(TERM-ignoring debugger, layer 2)", Duration.ofSeconds(killedAt - termReceived));
      assertThat(killedAt - termReceived).as("seconds from TERM to the kubelet's finishedAt")
          .isGreaterThanOrEqualTo(GRACE.toSeconds());
      assertThat(ended.getStatus().getEndReason()).isEqualTo("EndRequested");
      assertThat(condition(ended, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
      assertThat(ended.getStatus().getStop().getKillSentAt()).as("the operator had to send SIGKILL").isNotNull();
      scenario.assertApplicationUntouched("shop", appBefore);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void deletingAnActiveSessionStopsTheDebuggerBeforeTheSessionIsGone() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-delete");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "deleted", "shop", "");

      // The requester's role has no delete (sessions end with spec.end); a cluster admin deletes it.
      Instant deleteAt = Instant.now();
      admin.resources(DebugSession.class).inNamespace(scenario.namespace()).withName("deleted").delete();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> scenario.session("deleted") == null);
      Instant goneAt = Instant.now();
      Pod pod = scenario.pod("shop");

      scenario.timing("delete->session gone", Duration.between(deleteAt, goneAt));
      ContainerStatus debugger = NodeScenario.debugContainer(pod, active.container()).orElseThrow();
      assertThat(terminated(debugger)).as("the debug container when its session was gone: " + debugger.getState())
          .isTrue();
      scenario.assertApplicationUntouched("shop", appBefore);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void aReplacedOperatorStillStopsTheDebuggerAtItsDeadlineWithoutASecondOne() throws InterruptedException {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-restart");
    scenario.policy("Stop");
    ContainerStatus appBefore = app(scenario.runningTarget("shop"));
    Active active;
    try (NodeOperator first = NodeOperator.start(cluster, scenario.namespace())) {
      active = activate(scenario, "outlives", "shop", KILLS_ITS_WATCHDOG);
      await().atMost(Duration.ofSeconds(10)).until(
          () -> scenario.log("shop", active.container()).contains("killed the watchdog"));
    }
    Thread.sleep(5_000); // no operator at all for a while, as when its pod is rescheduled
    try (NodeOperator second = NodeOperator.start(cluster, scenario.namespace())) {
      assertThat(second.startedAt()).as("the new operator starts mid-session").isBefore(active.expiresAt());

      ContainerStateTerminated stopped = awaitTerminated(scenario, "shop", active, SESSION_LIFETIME);
      DebugSession expired = scenario.awaitPhase("outlives", Phase.Expired, Duration.ofSeconds(30));

      Instant finishedAt = Instant.parse(stopped.getFinishedAt());
      scenario.timing("deadline->terminated(by the new operator)", Duration.between(active.expiresAt(), finishedAt));
      assertThat(finishedAt).as("the kubelet's finishedAt, against expiresAt " + active.expiresAt())
          .isAfterOrEqualTo(active.expiresAt().plus(OPERATOR_STOP_DELAY).minusSeconds(1))
          .isBefore(active.expiresAt().plus(OPERATOR_STOP_DELAY).plusSeconds(10));
      Pod pod = scenario.pod("shop");
      assertThat(pod.getSpec().getEphemeralContainers()).extracting(c -> c.getName())
          .containsExactly(active.container());
      assertThat(pod.getStatus().getEphemeralContainerStatuses()).hasSize(1);
      assertThat(Instant.parse(expired.getStatus().getStop().getTermSentAt())).isAfter(second.startedAt());
      assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
      scenario.assertApplicationUntouched("shop", appBefore);
    }
  }

  @Test
  @Execution(ExecutionMode.CONCURRENT)
  void stopAndEvictLetsTheControllerReplaceThePodWithOneWithoutADebugger() {
    NodeScenario scenario = NodeScenario.create(cluster, admin, alice, "e2e-evict");
    scenario.policy("StopAndEvict");
    admin.apps().deployments().inNamespace(scenario.namespace()).resource(new DeploymentBuilder()
        .withNewMetadata().withName("shop").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "shop").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "shop").endMetadata()
        .withNewSpec().addNewContainer().withName(NodeScenario.APP).withImage(NodeScenario.TARGET_IMAGE)
        .withImagePullPolicy("Never").endContainer().endSpec().endTemplate().endSpec().build()).create();
    Pod original = awaitRunningReplica(scenario, null);
    String podName = original.getMetadata().getName();
    try (NodeOperator operator = NodeOperator.start(cluster, scenario.namespace())) {
      Active active = activate(scenario, "evicts", podName, "");

      DebugSession expired = scenario.awaitPhase("evicts", Phase.Expired, SESSION_LIFETIME);
      Pod replacement = awaitRunningReplica(scenario, original.getMetadata().getUid());
      Instant replacedAt = Instant.now();

      scenario.timing("deadline->replacement running", Duration.between(active.expiresAt(), replacedAt));
      assertThat(expired.getStatus().getEviction().getEvictedAt()).isNotNull();
      assertThat(condition(expired, ConditionType.Evicted).getStatus()).isEqualTo("True");
      assertThat(expired.getStatus().getDebugContainer().getState()).as("stopped before the eviction")
          .isEqualTo("Terminated");
      await().atMost(POD_START).until(() -> scenario.pod(podName) == null);
      assertThat(replacement.getSpec().getEphemeralContainers()).isNullOrEmpty();
      assertThat(replacement.getStatus().getEphemeralContainerStatuses()).isNullOrEmpty();
      assertThat(app(replacement).getRestartCount()).isZero();
    }
  }

  /** alice's session on {@code pod}, Active and its debugger reported running by the kubelet. */
  private static Active activate(NodeScenario scenario, String session, String pod, String shellCommand) {
    Instant created = Instant.now();
    scenario.createSession(session, pod, spec -> {
      if (!shellCommand.isEmpty()) {
        spec.setCommand(List.of("sh", "-c", shellCommand));
      }
    });
    DebugSession active = scenario.awaitPhase(session, Phase.Active, Duration.ofSeconds(30));
    scenario.timing("create->Active", Duration.between(created, Instant.now()));
    String container = active.getStatus().getContainerName();
    scenario.awaitDebugContainer(pod, container, NodeScenario::running, POD_START);
    scenario.timing("create->running(kubelet)", Duration.between(created, Instant.now()));
    return new Active(container, Instant.parse(active.getStatus().getExpiresAt()));
  }

  private static ContainerStateTerminated awaitTerminated(NodeScenario scenario, String pod, Active active,
      Duration timeout) {
    return scenario.awaitDebugContainer(pod, active.container(), NodeScenario::terminated, timeout).getState()
        .getTerminated();
  }

  private static Pod awaitRunningReplica(NodeScenario scenario, String notThisUid) {
    return await().atMost(POD_START).pollInterval(Duration.ofMillis(200)).until(() -> admin.pods()
        .inNamespace(scenario.namespace()).withLabel("app", "shop").list().getItems().stream()
        .filter(p -> !p.getMetadata().getUid().equals(notThisUid))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
        .findFirst().orElse(null), p -> p != null);
  }

  private static long termReceivedAt(String debuggerLog) {
    Matcher m = TERM_RECEIVED.matcher(debuggerLog);
    assertThat(m.find()).as("the debugger's log says it received TERM:\n" + debuggerLog).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The audit events this test's operators recorded for {@code session}, in order. */
  private static List<String> auditEvents(NodeOperator operator, String session) {
    return operator.auditLines().stream().map(AuditJson::fromLine)
        .filter(r -> session.equals(r.session().name()))
        .map(AuditRecord::event).map(e -> e.wireName()).toList();
  }

  /** The session's status, the pod's ephemeralContainerStatuses and the application's log, as kubectl shows them. */
  private static void printTranscript(NodeScenario scenario, String session, String pod) {
    String ns = scenario.namespace();
    StringBuilder out = new StringBuilder();
    out.append("$ kubectl get dbg ").append(session).append(" -n ").append(ns).append(" -o yaml\n")
        .append(cluster.kubectl(TestUser.ADMIN, "get", "dbg", session, "-n", ns, "-o", "yaml"));
    out.append("$ kubectl get pod ").append(pod).append(" -n ").append(ns)
        .append(" -o yaml  # status.ephemeralContainerStatuses\n")
        .append(section(cluster.kubectl(TestUser.ADMIN, "get", "pod", pod, "-n", ns, "-o", "yaml"),
            "  ephemeralContainerStatuses:"));
    out.append("$ kubectl logs ").append(pod).append(" -n ").append(ns).append(" -c app\n")
        .append(cluster.kubectl(TestUser.ADMIN, "logs", pod, "-n", ns, "-c", "app"));
    synchronized (System.out) {
      out.toString().lines().forEach(line -> System.out.println("[e2e-transcript] " + line));
    }
  }

  /** The lines of {@code yaml} from {@code header} to the next key at the same indentation. */
  private static String section(String yaml, String header) {
    StringBuilder section = new StringBuilder();
    boolean in = false;
    int indent = header.length() - header.stripLeading().length();
    for (String line : yaml.lines().toList()) {
      if (line.equals(header)) {
        in = true;
      } else if (in && !line.isBlank() && line.length() - line.stripLeading().length() <= indent
          && !line.stripLeading().startsWith("- ")) {
        break;
      }
      if (in) {
        section.append(line).append('\n');
      }
    }
    return section.toString();
  }

  /** A session the kubelet runs: its debug container's name and its deadline. */
  private record Active(String container, Instant expiresAt) {
  }
}
