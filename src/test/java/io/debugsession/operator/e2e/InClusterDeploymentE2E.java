package io.debugsession.operator.e2e;

import static io.debugsession.operator.e2e.NodeScenario.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import io.debugsession.operator.adapter.ConfigMapChainStore;
import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator deployed the way a user deploys it: its image built (test/cluster/images/operator-image.sh: the same
 * layout as src/main/docker/Dockerfile's, from the local JDK) and imported into the real node, then
 * {@code kubectl apply -k} of an overlay of config/default that changes only the image, the way to the API server
 * (no kube-proxy on this node: test/cluster/deploy-operator.sh) and, for this test, the namespace it reconciles (the
 * other *E2E classes' operators run in the test JVM and own theirs). Two replicas, leader election on a Lease, the
 * operator's ServiceAccount with exactly config/rbac's rights. The tests run in order, each building on the last:
 * install, a session handed over from a deleted leader to the other replica, metrics and health, JSON logs, and
 * {@code kubectl delete -k}, and {@code kubectl apply -k} again. Afterwards config/default is applied again, as the
 * other *E2E classes expect it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(Integer.MAX_VALUE) // the last *E2E class: it replaces the operator other classes' tests may rely on
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(WallTimeReport.class)
class InClusterDeploymentE2E {

  private static final String OPERATOR_NS = RealCluster.OPERATOR_NAMESPACE;
  private static final String NAMESPACE = "e2e-in-cluster";
  private static final Map<String, String> OPERATOR_LABELS =
      Map.of("app.kubernetes.io/name", "debug-session-operator", "app.kubernetes.io/component", "operator");
  /** Production's: the Deployment sets no timings. The operator's own stop starts at expiresAt + grace + slack. */
  private static final Duration OPERATOR_STOP_DELAY = Duration.ofSeconds(10 + 5);
  private static final Duration ROLLOUT = Duration.ofSeconds(180);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RealNodeCluster cluster;
  private KubernetesClient admin;
  private KubernetesClient alice;
  private NodeScenario scenario;
  private Path overlay;
  private Path logs;
  /** Every operator container's log, followed from its start: a deleted pod's log goes with it. */
  private final Map<String, LogWatch> following = new ConcurrentHashMap<>();
  private String leaderAfterHandover;
  private ContainerStateTerminated handedOverStop;
  private Instant handedOverExpiresAt;

  @BeforeAll
  void deploy() throws IOException {
    cluster = RealNodeCluster.get();
    admin = cluster.client(TestUser.ADMIN);
    alice = cluster.client(TestUser.REQUESTER);
    scenario = NodeScenario.create(cluster, admin, alice, NAMESPACE);
    logs = Files.createDirectories(Path.of("target", "in-cluster-e2e").toAbsolutePath());
    try (Stream<Path> earlier = Files.list(logs)) {
      for (Path log : earlier.filter(p -> p.toString().endsWith(".log")).toList()) {
        Files.delete(log); // an earlier run's pods
      }
    }
    overlay = writeTestOverlay(cluster.deployOperatorOverlay(), logs);
    // The in-cluster operator starts a chain of its own, so that the whole chain is in its replicas' logs.
    TestNamespace.forgetAuditChain(admin, OPERATOR_NS, "debugsession-audit-chain");
  }

  /** Applies config/default again for whatever runs later in this JVM, whatever this class left. */
  @AfterAll
  void restoreConfigDefault() {
    following.values().forEach(LogWatch::close);
    try {
      // What RealNodeCluster applied for the other *E2E classes, whatever this class left.
      cluster.kubectl(ROLLOUT, TestUser.ADMIN, "delete", "-k", overlay.toString(), "--ignore-not-found",
          "--timeout=150s");
      cluster.kubectl(TestUser.ADMIN, "apply", "-k", "config/default");
      cluster.kubectl(TestUser.ADMIN, "wait", "--for=condition=Established", "--timeout=30s",
          "crd/debugsessions.debugsession.io", "crd/debugpolicies.debugsession.io");
    } finally {
      alice.close();
      admin.close();
    }
  }

  @Test
  @Order(1)
  void kubectlApplyStartsTwoReadyReplicasUnderTheOperatorsServiceAccountWithExactlyConfigRbac() {
    String applied = cluster.kubectl(TestUser.ADMIN, "apply", "-k", overlay.toString());

    assertThat(applied).contains("deployment.apps/debugsession-operator", "serviceaccount/debugsession-operator",
        "customresourcedefinition.apiextensions.k8s.io/debugsessions.debugsession.io");
    Instant applyAt = Instant.now();
    cluster.kubectl(ROLLOUT, TestUser.ADMIN, "-n", OPERATOR_NS, "rollout", "status",
        "deployment/debugsession-operator", "--timeout=" + ROLLOUT.toSeconds() + "s");
    scenario.timing("apply->2 replicas Ready", Duration.between(applyAt, Instant.now()));
    List<Pod> pods = readyOperatorPods(2);
    pods.forEach(p -> follow(p.getMetadata().getName()));
    for (Pod pod : pods) {
      assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(RealCluster.OPERATOR_SERVICE_ACCOUNT);
      assertThat(pod.getSpec().getContainers().get(0).getImage()).startsWith("debugsession.test/operator:dev-");
      assertThat(pod.getSpec().getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
    }
    // Exactly config/rbac: every binding naming the operator's ServiceAccount is one of config/rbac's.
    assertThat(bindingsOfOperatorServiceAccount()).containsExactlyInAnyOrder(
        "ClusterRoleBinding/debugsession-operator", "RoleBinding/debugsession-operator-leader-election",
        "RoleBinding/debugsession-operator-audit-chain");
    // Distroless: nothing to exec into but the JVM.
    NodeScenario.Exec shell = NodeScenario.exec(admin, OPERATOR_NS, pods.get(0).getMetadata().getName(),
        "operator", "/bin/sh", "-c", "true");
    assertThat(shell.exitCode()).as("a shell in the operator's image: " + shell).isNotEqualTo(0);
    assertThat(leaseHolder()).isIn(pods.stream().map(p -> p.getMetadata().getName()).toList());
  }

  @Test
  @Order(2)
  void whenTheLeadersPodIsDeletedMidSessionTheOtherReplicaStopsTheDebuggerAtItsDeadline() {
    scenario.policy("Stop");
    ContainerStatus appBefore = NodeScenario.app(scenario.runningTarget("shop"));
    scenario.createSession("handover", "shop", spec -> spec.setCommand(List.of("sh", "-c",
        NodeScenario.KILL_WATCHDOG + "echo ready; while true; do sleep 1; done")));
    DebugSession active = scenario.awaitPhase("handover", Phase.Active, Duration.ofSeconds(60));
    String container = active.getStatus().getContainerName();
    handedOverExpiresAt = Instant.parse(active.getStatus().getExpiresAt());
    scenario.awaitDebugContainer("shop", container, NodeScenario::running, NodeScenario.POD_START);
    await().atMost(Duration.ofSeconds(20)).until(() -> scenario.log("shop", container).contains("killed the watchdog"));

    String leader = leaseHolder();
    Instant deletedAt = Instant.now();
    admin.pods().inNamespace(OPERATOR_NS).withName(leader).delete();
    // The standby, or the pod the ReplicaSet starts in the deleted one's place if it is up when the Lease expires
    // (seen: it won the race once): either is the other replica.
    String newLeader = await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
        .until(this::leaseHolder, holder -> holder != null && !holder.equals(leader));
    follow(newLeader);
    leaderAfterHandover = newLeader;
    scenario.timing("leader deleted->another replica holds the Lease", Duration.between(deletedAt, Instant.now()));
    assertThat(admin.pods().inNamespace(OPERATOR_NS).withName(newLeader).get().getMetadata().getLabels())
        .containsAllEntriesOf(OPERATOR_LABELS);
    assertThat(Instant.now()).as("the handover happened before the deadline").isBefore(handedOverExpiresAt);

    handedOverStop = scenario.awaitDebugContainer("shop", container, NodeScenario::terminated,
        NodeScenario.SESSION_LIFETIME).getState().getTerminated();
    DebugSession expired = scenario.awaitPhase("handover", Phase.Expired, Duration.ofSeconds(30));

    Instant finishedAt = Instant.parse(handedOverStop.getFinishedAt());
    scenario.timing("deadline->terminated(by the new leader)", Duration.between(handedOverExpiresAt, finishedAt));
    // The watchdog is dead: only the operator stops it, and the new leader does so when the deadline says.
    assertThat(finishedAt).as("the kubelet's finishedAt, against expiresAt " + handedOverExpiresAt)
        .isAfterOrEqualTo(handedOverExpiresAt.plus(OPERATOR_STOP_DELAY).minusSeconds(1))
        .isBefore(handedOverExpiresAt.plus(OPERATOR_STOP_DELAY).plusSeconds(20));
    assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
    assertThat(Instant.parse(expired.getStatus().getStop().getTermSentAt())).isAfter(deletedAt);
    scenario.assertApplicationUntouched("shop", appBefore);

    // Both leaders' records, from their own logs, make one chain up to the head kept in the cluster.
    ChainHead head = new ConfigMapChainStore(admin, OPERATOR_NS, "debugsession-audit-chain").load().state().head();
    Map<String, List<AuditRecord>> byPod = auditRecordsByPod();
    List<AuditRecord> chain = byPod.values().stream().flatMap(List::stream)
        .sorted(Comparator.comparing(AuditRecord::sequence)).toList();
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(head).skippingExactDuplicates().verify(chain);
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(byPod.get(leader)).as("records written by the first leader").isNotEmpty();
    assertThat(byPod.get(newLeader)).as("records written by the new leader").isNotEmpty();
    assertThat(chain).filteredOn(r -> r.session().name().equals("handover")).extracting(r -> r.event().wireName())
        .containsExactly("requested", "injected", "container-running", "expired");
  }

  @Test
  @Order(3)
  void theLeadersMetricsAndBothReplicasHealthTellWhatHappened() {
    // A session the new leader sees through, ended early, and one it denies (an image the policy does not allow).
    scenario.createSession("early-end", "shop", spec -> { });
    scenario.awaitPhase("early-end", Phase.Active, Duration.ofSeconds(60));
    scenario.endAsRequester("early-end");
    scenario.awaitPhase("early-end", Phase.Ended, Duration.ofSeconds(60));
    scenario.createSession("refused", "shop", spec -> spec.setImage("debugsession.test/debug-shell:1"));
    DebugSession denied = scenario.awaitPhase("refused", Phase.Denied, Duration.ofSeconds(30));
    String replacement = readyOperatorPods(2).stream().map(p -> p.getMetadata().getName())
        .filter(n -> !n.equals(leaderAfterHandover)).findFirst().orElseThrow();
    follow(replacement);

    Map<String, Double> leader = metrics(leaderAfterHandover);
    Map<String, Double> standby = metrics(replacement);

    assertThat(leader).containsEntry("debugsession_leader", 1.0)
        .containsEntry("debugsession_sessions{phase=\"Expired\"}", 1.0)
        .containsEntry("debugsession_sessions{phase=\"Ended\"}", 1.0)
        .containsEntry("debugsession_sessions{phase=\"Denied\"}", 1.0)
        .containsEntry("debugsession_sessions{phase=\"Active\"}", 0.0)
        // The first session was injected by the former leader, whose counters went with its pod.
        .containsEntry("debugsession_injections_total", 1.0)
        .containsEntry("debugsession_activation_seconds_count", 1.0)
        .containsEntry("debugsession_expiry_lateness_seconds_count", 1.0)
        .containsEntry("debugsession_denials_total{reason=\"" + denied.getStatus().getEndReason() + "\"}", 1.0)
        .containsEntry("debugsession_stop_failures_total", 0.0)
        .containsEntry("debugsession_audit_outbox_records", 0.0);
    long kubeletLateness = Duration.between(handedOverExpiresAt, Instant.parse(handedOverStop.getFinishedAt()))
        .toSeconds();
    assertThat(leader.get("debugsession_expiry_lateness_seconds_sum")).as("expiry lateness, seconds")
        .isGreaterThanOrEqualTo(kubeletLateness - 1.0);
    // Its cache is warm: the standby counts the same sessions, and waits.
    assertThat(standby).containsEntry("debugsession_leader", 0.0)
        .containsEntry("debugsession_sessions{phase=\"Expired\"}", 1.0)
        .containsEntry("debugsession_injections_total", 0.0);
    assertThat(metricsText(leaderAfterHandover)).as("no series names a session or its namespace")
        .doesNotContain("handover", "early-end", "refused", NAMESPACE);

    for (String pod : List.of(leaderAfterHandover, replacement)) {
      JsonNode ready = JSON.readTree(proxy(pod, "/q/health/ready"));
      assertThat(ready.path("status").asString()).isEqualTo("UP");
      assertThat(ready.path("checks").get(0).path("data").path("leader").asBoolean())
          .isEqualTo(pod.equals(leaderAfterHandover));
      assertThat(JSON.readTree(proxy(pod, "/q/health/live")).path("status").asString()).isEqualTo("UP");
    }
    printMemory();
  }

  @Test
  @Order(4)
  void logLinesAreJsonWithTheSessionInTheirMdcWhileAuditRecordsStayBare() {
    List<String> lines = logLines(leaderAfterHandover);

    List<JsonNode> logRecords = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
        continue; // the JVM's own notice on stderr, before any logging exists
      }
      JsonNode json = JSON.readTree(line);
      if (!json.has("recordId")) {
        logRecords.add(json);
      }
    }
    assertThat(logRecords).isNotEmpty().allSatisfy(j -> assertThat(j.has("level") && j.has("message")).isTrue());
    List<JsonNode> aboutEarlyEnd = logRecords.stream()
        .filter(j -> j.path("message").asString().contains("DebugSession " + NAMESPACE + "/early-end "))
        .toList();
    assertThat(aboutEarlyEnd).as("the reconciler's lines about early-end").isNotEmpty().allSatisfy(j -> {
      assertThat(j.path("mdc").path("resource.namespace").asString()).isEqualTo(NAMESPACE);
      assertThat(j.path("mdc").path("resource.name").asString()).isEqualTo("early-end");
    });
    assertThat(auditRecordsByPod().get(leaderAfterHandover)).isNotEmpty()
        .allSatisfy(r -> assertThat(r.hash()).isNotNull());
  }

  @Test
  @Order(5)
  void kubectlDeleteRemovesEverythingOnceTheSessionsAreGone() {
    // README's order: the sessions first, while the operator still runs to release their finalizers.
    admin.resources(DebugSession.class).inNamespace(NAMESPACE).delete();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> admin.resources(DebugSession.class).inNamespace(NAMESPACE).list().getItems().isEmpty());
    // Sessions other *E2E classes left in their namespaces, whose operators are gone, would hold the CRD.
    TestNamespace.deleteAllSessions(admin);

    cluster.kubectl(ROLLOUT, TestUser.ADMIN, "delete", "-k", overlay.toString(), "--timeout=150s");

    assertThat(admin.namespaces().withName(OPERATOR_NS).get()).isNull();
    assertThat(admin.apiextensions().v1().customResourceDefinitions().withName("debugsessions.debugsession.io").get())
        .isNull();
    assertThat(admin.rbac().clusterRoles().withName("debugsession-operator").get()).isNull();
    assertThat(admin.rbac().clusterRoleBindings().withName("debugsession-operator").get()).isNull();
    assertThat(admin.admissionRegistration().v1().validatingAdmissionPolicies().withName("debugsession-identity")
        .get()).isNull();
  }

  @Test
  @Order(6)
  void kubectlApplyAgainInstallsAnOperatorThatAddsDebuggersAgain() {
    // A reinstall. While the bypass guard read its users from a ConfigMap, kube-apiserver refused every ephemeral
    // container from here on, the operator's included (kubernetes#130887: it stops watching a ConfigMap parameter
    // for good once no binding names it); the guard now keeps them in the policy.
    cluster.kubectl(TestUser.ADMIN, "apply", "-k", overlay.toString());
    cluster.kubectl(TestUser.ADMIN, "wait", "--for=condition=Established", "--timeout=30s",
        "crd/debugsessions.debugsession.io", "crd/debugpolicies.debugsession.io");
    cluster.kubectl(ROLLOUT, TestUser.ADMIN, "-n", OPERATOR_NS, "rollout", "status",
        "deployment/debugsession-operator", "--timeout=" + ROLLOUT.toSeconds() + "s");
    scenario.policy("Stop");
    scenario.runningTarget("reinstalled");

    scenario.createSession("after-reinstall", "reinstalled", spec -> { });
    DebugSession active = scenario.awaitPhase("after-reinstall", Phase.Active, Duration.ofSeconds(60));

    scenario.awaitDebugContainer("reinstalled", active.getStatus().getContainerName(), NodeScenario::running,
        NodeScenario.POD_START);
    // Gone before @AfterAll's kubectl delete -k, which would otherwise wait on the session's finalizer.
    admin.resources(DebugSession.class).inNamespace(NAMESPACE).delete();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> admin.resources(DebugSession.class).inNamespace(NAMESPACE).list().getItems().isEmpty());
  }

  private static Path writeTestOverlay(Path nodeOverlay, Path dir) throws IOException {
    Files.writeString(dir.resolve("kustomization.yaml"), """
        # Written by InClusterDeploymentE2E: the node's overlay (test/cluster/deploy-operator.sh), reconciling this
        # test's namespace only.
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
        - %s
        patches:
        - target:
            kind: Deployment
            name: debugsession-operator
          patch: |-
            - op: add
              path: /spec/template/spec/containers/0/env/-
              value: {name: DEBUGSESSION_NAMESPACES, value: "%s"}
        """.formatted(dir.relativize(nodeOverlay), NAMESPACE));
    return dir;
  }

  private List<Pod> readyOperatorPods(int count) {
    return await().atMost(ROLLOUT).pollInterval(Duration.ofSeconds(1)).until(() -> admin.pods()
        .inNamespace(OPERATOR_NS).withLabels(OPERATOR_LABELS).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .toList(), pods -> pods.size() == count);
  }

  private String leaseHolder() {
    Lease lease = admin.leases().inNamespace(OPERATOR_NS).withName("debug-session-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private List<String> bindingsOfOperatorServiceAccount() {
    List<String> bindings = new ArrayList<>();
    admin.rbac().clusterRoleBindings().list().getItems().stream().filter(b -> namesOperator(b.getSubjects()))
        .forEach(b -> bindings.add("ClusterRoleBinding/" + b.getMetadata().getName()));
    admin.rbac().roleBindings().inAnyNamespace().list().getItems().stream().filter(b -> namesOperator(b.getSubjects()))
        .forEach(b -> bindings.add("RoleBinding/" + b.getMetadata().getName()));
    return bindings;
  }

  private static boolean namesOperator(List<Subject> subjects) {
    return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
        && RealCluster.OPERATOR_SERVICE_ACCOUNT.equals(s.getName()) && OPERATOR_NS.equals(s.getNamespace()));
  }

  private void follow(String pod) {
    following.computeIfAbsent(pod, p -> {
      try {
        OutputStream out = Files.newOutputStream(logs.resolve(p + ".log"));
        return admin.pods().inNamespace(OPERATOR_NS).withName(p).inContainer("operator").watchLog(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private List<String> logLines(String pod) {
    try (Stream<String> lines = Files.lines(logs.resolve(pod + ".log"), StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The audit records in each followed pod's log: the lines that are records (they have a recordId). */
  private Map<String, List<AuditRecord>> auditRecordsByPod() {
    return following.keySet().stream().collect(Collectors.toMap(p -> p, p -> logLines(p).stream()
        .filter(l -> l.startsWith("{") && JSON.readTree(l).has("recordId")).map(AuditJson::fromLine).toList()));
  }

  /** /q/metrics of a replica, through the API server's pods/proxy: the series without comments, by name. */
  private Map<String, Double> metrics(String pod) {
    return metricsText(pod).lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .collect(Collectors.toMap(l -> l.substring(0, l.lastIndexOf(' ')),
            l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), (a, b) -> a));
  }

  private String metricsText(String pod) {
    return proxy(pod, "/q/metrics");
  }

  private String proxy(String pod, String path) {
    return cluster.kubectl(TestUser.ADMIN, "get", "--raw",
        "/api/v1/namespaces/" + OPERATOR_NS + "/pods/" + pod + ":8080/proxy" + path);
  }

  /** The replicas' resident memory, read on the node, for sizing the Deployment's requests and limits. */
  private void printMemory() {
    Set<String> uids = admin.pods().inNamespace(OPERATOR_NS).withLabels(OPERATOR_LABELS).list().getItems().stream()
        .map(p -> p.getMetadata().getUid().replace('-', '_')).collect(Collectors.toSet());
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(proc -> {
        try {
          String cgroup = Files.readString(proc.resolve("cgroup")).replace('-', '_');
          String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
          if (cmdline.contains("quarkus-run.jar") && uids.stream().anyMatch(cgroup::contains)) {
            String status = Files.readString(proc.resolve("status"));
            System.out.println("[e2e-measure] operator pid " + proc.getFileName() + " " + status.lines()
                .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM")).collect(Collectors.joining(", ")));
          }
        } catch (IOException e) {
          // the process ended meanwhile
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
