package io.debugsession.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.cluster.ClusterBinaries;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kubectl debugsession start} on the real node, as an SRE types it in a terminal: kubectl finds the packaged
 * plugin (target/kubectl-debugsession) on PATH, the plugin asks the API server who alice is, creates the session,
 * waits for the debugger to run and hands the terminal to the real {@code kubectl attach -it}, under a
 * pseudo-terminal made by util-linux's {@code script}. In the debugger's shell, {@code /proc/1/root} is the
 * distroless application's filesystem.
 */
@ExtendWith(WallTimeReport.class)
class PluginStartE2E {

  private static final String NS = "plugin-e2e";
  private static final String POD = "distroless";
  private static final Path PLUGIN_DIR = Path.of("target").toAbsolutePath();

  @Test
  void aliceStartsASessionWithThePluginAndListsTheApplicationsFilesFromItsShell() throws Exception {
    RealNodeCluster cluster = RealNodeCluster.get();
    try (KubernetesClient admin = cluster.client(TestUser.ADMIN);
        KubernetesClient alice = cluster.client(TestUser.REQUESTER)) {
      NodeScenario scenario = NodeScenario.create(cluster, admin, alice, NS);
      scenario.policy("Stop");
      scenario.runningTarget(POD);
      grantAttach(admin);
      try (NodeOperator operator = NodeOperator.start(cluster, NS);
          Terminal terminal = Terminal.start(cluster.kubeconfig(TestUser.REQUESTER),
              "kubectl debugsession start " + POD + " -n " + NS + " --name from-plugin --profile general --ttl 5m"
                  + " --reason 'INC-77: checkout 500s'")) {
        terminal.awaitScreen("If you don't see a command prompt", Duration.ofSeconds(90));
        // The shell computes the marker, so the terminal's echo of the typed line cannot satisfy the wait.
        terminal.typeLine("tty; ls /proc/1/root/app/; echo listing-$((6*7))");
        String screen = terminal.awaitScreen("listing-42", Duration.ofSeconds(30));
        screen.lines().forEach(line -> System.out.println("[e2e-transcript] " + line.replace("\r", "")));

        assertThat(screen).contains("debugsession/from-plugin created in namespace plugin-e2e (requester alice)")
            .contains("The application's files are under /proc/1/root");
        assertThat(screen).as("the shell's stdin is a terminal").contains("/dev/pts/");
        assertThat(screen).as("the distroless application's files").containsPattern("\\bsignal-recorder\\b");
        DebugSession session = scenario.session("from-plugin");
        assertThat(session.getSpec().getRequester()).isEqualTo("alice");
        assertThat(session.getStatus().getPhase()).isEqualTo(Phase.Active);
        terminal.close(); // detaches; the debugger's shell goes on until the operator stops it
        scenario.endAsRequester("from-plugin");
        scenario.awaitPhase("from-plugin", Phase.Ended, Duration.ofSeconds(60));
      }
    }
  }

  /** What kubectl attach needs besides debugsession-requester: read the pod and attach to it. */
  private static void grantAttach(KubernetesClient admin) {
    admin.resource(new RoleBuilder().withNewMetadata().withName("sre-attach").withNamespace(NS).endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("get").endRule()
        .addNewRule().withApiGroups("").withResources("pods/attach").withVerbs("get", "create").endRule()
        .build()).forceConflicts().serverSideApply();
    admin.resource(new RoleBindingBuilder().withNewMetadata().withName("sre-attach-alice").withNamespace(NS)
        .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "sre-attach")
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName("alice").endSubject()
        .build()).forceConflicts().serverSideApply();
  }

  /** A shell command line under {@code script -qfec}: a pseudo-terminal, as a person's. */
  private static final class Terminal implements AutoCloseable {
    private final Process process;
    private final StringBuffer screen = new StringBuffer();

    private Terminal(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> copy(process.getInputStream()), "plugin-terminal");
      reader.setDaemon(true);
      reader.start();
    }

    static Terminal start(Path kubeconfig, String commandLine) throws IOException {
      ProcessBuilder builder = new ProcessBuilder(List.of("script", "-qfec", commandLine, "/dev/null"))
          .redirectErrorStream(true);
      Path kubectl = ClusterBinaries.buildIfNeeded().kubectl();
      builder.environment().put("PATH", PLUGIN_DIR + ":" + kubectl.getParent() + ":" + System.getenv("PATH"));
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      builder.environment().put("SHELL", "/bin/sh");
      builder.environment().put("TERM", "dumb");
      return new Terminal(builder.start());
    }

    void typeLine(String line) throws IOException {
      OutputStream keyboard = process.getOutputStream();
      keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }

    String awaitScreen(String text, Duration timeout) {
      try {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> screen.indexOf(text) >= 0);
        return screen.toString();
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("the terminal did not show \"" + text + "\" within " + timeout
            + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")") + ":\n" + screen, e);
      }
    }

    @Override
    public void close() {
      Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroy);
    }

    private void copy(InputStream out) {
      byte[] buffer = new byte[4096];
      try (out) {
        for (int n; (n = out.read(buffer)) >= 0; ) {
          screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        screen.append("\n[terminal closed: ").append(e.getMessage()).append(']');
      }
    }
  }
}
