package io.debugsession.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real single-node cluster does what the *E2E tests will rely on, without the operator running: the sample
 * distroless pod runs; an ephemeral container added through the API runs the debug shell under a terminal in the
 * application's PID namespace, where {@code /proc/1/root} is the application's filesystem; exec (what the operator
 * stops debuggers with) reaches it; and when the debugger's shell is killed, its container ends while the application
 * keeps running, never restarted and never signalled; an evicted pod of a Deployment is replaced (the operator's
 * last layer relies on that).
 *
 * <p>Debuggers are added and exec'd into under the operator's ServiceAccount, with exactly config/rbac's rights: the
 * bypass guard of config/admission refuses everyone else, cluster admins included. Pods are created by an admin.
 */
class NodeSmokeE2E {

  private static final String NAMESPACE = "node-smoke";
  private static final String SAMPLE = "config/samples/1-distroless-target.yaml";
  private static final String DEBUG_IMAGE = "debugsession.test/debug-shell:1";
  private static final String TARGET_IMAGE = "debugsession.test/distroless-target:1";
  private static final Duration POD_START = Duration.ofSeconds(60);

  private static RealNodeCluster cluster;
  private static KubernetesClient admin;
  private static KubernetesClient operator;

  @BeforeAll
  static void namespace() {
    cluster = RealNodeCluster.get();
    admin = cluster.client(TestUser.ADMIN);
    operator = cluster.operatorClient();
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    // The controller-manager gives every namespace its "default" ServiceAccount, which pods need.
    await().atMost(Duration.ofSeconds(30)).until(
        () -> admin.serviceAccounts().inNamespace(NAMESPACE).withName("default").get() != null);
  }

  @AfterAll
  static void closeClients() {
    if (operator != null) {
      operator.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void samplePodRunsOnTheNode() {
    cluster.kubectl(TestUser.ADMIN, "apply", "-n", NAMESPACE, "-f", SAMPLE);

    Pod pod = awaitRunning("distroless-app");

    assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNodeCluster.NODE_NAME);
    assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(app -> {
      assertThat(app.getImage()).isEqualTo("registry.k8s.io/pause:3.10");
      assertThat(app.getRestartCount()).isZero();
    });
  }

  @Test
  void debuggerAddedThroughTheApiRunsUnderATerminalAndSeesTheTargetsFiles() throws IOException {
    createSamplePod("sample-debugged");
    awaitRunning("sample-debugged");

    addDebugger("sample-debugged", "debugger");
    awaitEphemeral("sample-debugged", "debugger", s -> s.getState().getRunning() != null);

    NodeScenario.Exec root = exec("sample-debugged", "debugger", "ls", "/proc/1/root/");
    assertThat(root.exitCode()).as(root.toString()).isZero();
    assertThat(root.stdout().lines()).as("the pause image's files").contains("pause");
    NodeScenario.Exec terminal = exec("sample-debugged", "debugger", "readlink", "/proc/" + debuggerShellPid("sample-debugged")
        + "/fd/0");
    assertThat(terminal.stdout().trim()).as(terminal.toString()).startsWith("/dev/pts/");
  }

  @Test
  void killingTheDebuggersShellEndsItsContainerAndLeavesTheApplicationAlone() {
    admin.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("target").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(TARGET_IMAGE).withImagePullPolicy("Never")
        .endContainer().endSpec().build()).create();
    awaitRunning("target");
    addDebugger("target", "debugger");
    awaitEphemeral("target", "debugger", s -> s.getState().getRunning() != null);

    // The kill's own exec may not report back: its process dies with the container. The kubelet's status decides.
    exec("target", "debugger", "kill", "-KILL", debuggerShellPid("target"));

    ContainerStatus debugger = awaitEphemeral("target", "debugger", s -> s.getState().getTerminated() != null);
    assertThat(debugger.getState().getTerminated().getExitCode()).isEqualTo(137);
    ContainerStatus app = admin.pods().inNamespace(NAMESPACE).withName("target").get().getStatus()
        .getContainerStatuses().get(0);
    assertThat(app.getState().getRunning()).as("the application container").isNotNull();
    assertThat(app.getRestartCount()).isZero();
    String log = admin.pods().inNamespace(NAMESPACE).withName("target").inContainer("app").getLog();
    assertThat(log).contains("signal-recorder running as pid 1").doesNotContain("signal SIG");
  }

  @Test
  void anEvictedPodOfADeploymentIsReplaced() {
    admin.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
        .withNewMetadata().withName("replicated").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "replicated").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "replicated").endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage(TARGET_IMAGE).withImagePullPolicy("Never")
        .endContainer().endSpec().endTemplate().endSpec().build()).create();
    String first = awaitRunningReplica("replicated", "").getMetadata().getName();

    boolean evicted = admin.pods().inNamespace(NAMESPACE).withName(first).evict();

    assertThat(evicted).isTrue();
    Pod replacement = awaitRunningReplica("replicated", first);
    assertThat(replacement.getSpec().getNodeName()).isEqualTo(RealNodeCluster.NODE_NAME);
  }

  private static void createSamplePod(String name) throws IOException {
    try (InputStream sample = new FileInputStream(SAMPLE)) {
      Pod pod = admin.pods().load(sample).item();
      pod.getMetadata().setName(name);
      admin.pods().inNamespace(NAMESPACE).resource(pod).create();
    }
  }

  /** Adds the debug shell next to container "app", as kubectl debug does: stdin, tty, in the app's PID namespace. */
  private static void addDebugger(String pod, String name) {
    Pod current = operator.pods().inNamespace(NAMESPACE).withName(pod).get();
    Pod withDebugger = new PodBuilder(current).editSpec().addNewEphemeralContainer().withName(name)
        .withImage(DEBUG_IMAGE).withImagePullPolicy("Never").withTargetContainerName("app").withCommand("sh")
        .withStdin(true).withTty(true).endEphemeralContainer().endSpec().build();
    operator.pods().inNamespace(NAMESPACE).resource(withDebugger).ephemeralContainers().update();
  }

  /** The PID of the debugger's own shell: the process of its container whose command line is just "sh". */
  private static String debuggerShellPid(String pod) {
    NodeScenario.Exec ps = exec(pod, "debugger", "ps", "-o", "pid,args");
    Matcher shell = Pattern.compile("(?m)^\\s*(\\d+)\\s+sh\\s*$").matcher(ps.stdout());
    assertThat(shell.find()).as("the debugger's shell in\n" + ps.stdout()).isTrue();
    return shell.group(1);
  }

  private static Pod awaitRunning(String name) {
    return await().atMost(POD_START).until(() -> admin.pods().inNamespace(NAMESPACE).withName(name).get(),
        p -> p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
  }

  /** A running pod of the Deployment's, other than {@code notThisOne}. */
  private static Pod awaitRunningReplica(String app, String notThisOne) {
    return await().atMost(POD_START).until(() -> admin.pods().inNamespace(NAMESPACE).withLabel("app", app).list()
        .getItems().stream().filter(p -> !p.getMetadata().getName().equals(notThisOne))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null),
        p -> p != null);
  }

  private static ContainerStatus awaitEphemeral(String pod, String name,
      Predicate<ContainerStatus> condition) {
    return await().atMost(POD_START).until(() -> {
      Pod current = admin.pods().inNamespace(NAMESPACE).withName(pod).get();
      return current.getStatus().getEphemeralContainerStatuses().stream()
          .filter(s -> name.equals(s.getName())).findFirst().orElse(null);
    }, s -> s != null && condition.test(s));
  }

  /** What the operator does to stop a debugger: an exec into its container, through kube-apiserver and the kubelet. */
  private static NodeScenario.Exec exec(String pod, String container, String... command) {
    return NodeScenario.exec(operator, NAMESPACE, pod, container, command);
  }
}
