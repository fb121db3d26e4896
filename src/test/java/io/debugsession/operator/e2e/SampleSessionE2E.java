package io.debugsession.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.cluster.KubectlTerminal;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through on the real node, with the real sample files and the real kubectl, each command run as
 * the person it is for: an admin applies the sample DebugPolicy (it governs the namespace "default", so the test runs
 * there) and the distroless pod (pause image, no shell); alice applies the sample DebugSession, attaches to its
 * debugger with {@code kubectl attach -it}, finds the application's files under {@code /proc/1/root}, and ends the
 * session with {@code kubectl patch}.
 */
@ExtendWith(WallTimeReport.class)
class SampleSessionE2E {

  private static final String NS = "default";
  private static final String SESSION = "debug-distroless-app";
  private static final String POD = "distroless-app";

  @Test
  void aliceAttachesToTheSampleSessionsDebuggerUnderATerminalAndSeesTheApplicationsFiles(@TempDir Path dir)
      throws IOException {
    RealNodeCluster cluster = RealNodeCluster.get();
    try (KubernetesClient admin = cluster.client(TestUser.ADMIN);
        KubernetesClient alice = cluster.client(TestUser.REQUESTER)) {
      TestNamespace.create(admin, NS, Map.of());
      cluster.kubectl(TestUser.ADMIN, "apply", "-f", "config/samples/0-debugpolicy.yaml");
      cluster.kubectl(TestUser.ADMIN, "apply", "-n", NS, "-f", "config/samples/1-distroless-target.yaml");
      await().atMost(NodeScenario.POD_START).until(() -> admin.pods().inNamespace(NS).withName(POD).get(),
          p -> p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));

      try (NodeOperator operator = NodeOperator.start(cluster, NS)) {
        // The sample names no requester; the identity admission policy asks for alice's own name (README, Identity).
        assertThatThrownBy(() -> cluster.kubectl(TestUser.REQUESTER, "apply", "-n", NS, "-f",
            "config/samples/2-debugsession.yaml"))
            .hasMessageContaining("spec.requester must be your own user name: set it to \"alice\"");
        Path sample = withRequester(Path.of("config/samples/2-debugsession.yaml"), "alice", dir);
        Instant created = Instant.now();
        cluster.kubectl(TestUser.REQUESTER, "apply", "-n", NS, "-f", sample.toString());

        DebugSession active = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> admin.resources(DebugSession.class).inNamespace(NS).withName(SESSION).get(),
                s -> s.getStatus() != null && s.getStatus().getPhase() == Phase.Active);
        timing("create->Active", Duration.between(created, Instant.now()));
        assertThat(cluster.kubectl(TestUser.REQUESTER, "get", "dbg", "-n", NS)).contains(SESSION).contains("Active");
        String container = active.getStatus().getContainerName();
        Pod pod = await().atMost(NodeScenario.POD_START).pollInterval(Duration.ofMillis(200))
            .until(() -> admin.pods().inNamespace(NS).withName(POD).get(),
                p -> NodeScenario.debugContainer(p, container).filter(NodeScenario::running).isPresent());
        timing("create->running(kubelet)", Duration.between(created, Instant.now()));
        assertThat(pod.getSpec().getEphemeralContainers()).singleElement().satisfies(debugger -> {
          assertThat(debugger.getName()).isEqualTo(container);
          assertThat(debugger.getTargetContainerName()).isEqualTo("app");
          assertThat(debugger.getTty()).isTrue();
          assertThat(debugger.getStdin()).isTrue();
        });

        // Attaching takes the attacher's own rights (README, Quick start). debugsession-requester has no
        // pods/attach, so alice gets it as a cluster's admins would give it to the SREs who debug here.
        assertThat(mayAttach(alice)).as("alice may attach with debugsession-requester alone").isFalse();
        grantAttach(admin, TestUser.REQUESTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> mayAttach(alice));
        String screen;
        try (KubectlTerminal terminal = cluster.kubectlInTerminal(TestUser.REQUESTER, "attach", "-it", "-n", NS, POD,
            "-c", container)) {
          terminal.awaitScreen("If you don't see a command prompt", Duration.ofSeconds(30));
          // The shell computes the marker, so the terminal's echo of the typed line cannot satisfy the wait.
          terminal.typeLine("tty; ls /proc/1/root/; echo listing-$((6*7))");
          screen = terminal.awaitScreen("listing-42", Duration.ofSeconds(30));
        }
        System.out.println("[e2e-transcript] kubectl attach -it -n " + NS + " " + POD + " -c " + container);
        screen.lines().forEach(line -> System.out.println("[e2e-transcript] " + line.replace("\r", "")));
        assertThat(screen).as("the shell's stdin is a terminal").contains("/dev/pts/");
        assertThat(screen).as("the pause image's files").containsPattern("\\bpause\\b");
        ContainerStatus stillRunning = NodeScenario.debugContainer(
            admin.pods().inNamespace(NS).withName(POD).get(), container).orElseThrow();
        assertThat(NodeScenario.running(stillRunning)).as("detaching leaves the debugger running").isTrue();

        Instant endAt = Instant.now();
        cluster.kubectl(TestUser.REQUESTER, "patch", "dbg", SESSION, "-n", NS, "--type=merge",
            "-p", "{\"spec\":{\"end\":true}}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
            .until(() -> admin.pods().inNamespace(NS).withName(POD).get(),
                p -> NodeScenario.debugContainer(p, container).filter(NodeScenario::terminated).isPresent());
        timing("end->terminated(seen by the test)", Duration.between(endAt, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(
            () -> admin.resources(DebugSession.class).inNamespace(NS).withName(SESSION).get().getStatus().getPhase(),
            phase -> phase == Phase.Ended);
      }
    }
  }

  /** The sample, with {@code spec.requester} added, in {@code dir}. */
  private static Path withRequester(Path sample, String requester, Path dir) throws IOException {
    String yaml = Files.readString(sample);
    String withRequester = yaml.replace("\nspec:\n", "\nspec:\n  requester: " + requester + "\n");
    assertThat(withRequester).as("the sample has a spec").isNotEqualTo(yaml);
    return Files.writeString(dir.resolve(sample.getFileName()), withRequester);
  }

  private static boolean mayAttach(KubernetesClient user) {
    return user.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
        .withNewSpec().withNewResourceAttributes().withNamespace(NS).withVerb("create").withResource("pods")
        .withSubresource("attach").endResourceAttributes().endSpec().build()).getStatus().getAllowed();
  }

  /** What kubectl attach needs: read the pod, and attach to it (a WebSocket upgrade is a GET, SPDY a POST). */
  private static void grantAttach(KubernetesClient admin, TestUser user) {
    admin.resource(new RoleBuilder().withNewMetadata().withName("sre-attach").withNamespace(NS).endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("get").endRule()
        .addNewRule().withApiGroups("").withResources("pods/attach").withVerbs("get", "create").endRule()
        .build()).forceConflicts().serverSideApply();
    admin.resource(new RoleBindingBuilder().withNewMetadata().withName("sre-attach-" + user.userName())
        .withNamespace(NS).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "sre-attach")
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(user.userName())
        .endSubject().build()).forceConflicts().serverSideApply();
  }

  private static void timing(String what, Duration value) {
    System.out.println("[e2e-timing] %s %s=%.1fs".formatted(NS, what, value.toMillis() / 1000.0));
  }
}
