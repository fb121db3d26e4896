package io.debugsession.plugin;

import static org.awaitility.Awaitility.await;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.ExecResult;
import io.debugsession.operator.testsupport.PodStatusWriter;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.KubeApiServer;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.debugsession.operator.testsupport.proxy.FaultProxy;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The plugin against the real kube-apiserver of {@link RealCluster} (CRDs, RBAC, admission policies of
 * config/default), with the operator running in this JVM under its own ServiceAccount. The plugin runs in process as
 * a person (alice requests, bob approves, carol audits, mallory has no role) with that person's kubeconfig; there is
 * no node, so the tests write what a kubelet would report, and the proxy in front of the operator plays the kubelet's
 * end of its stop exec.
 *
 * <p>One operator per class (it is stateless between sessions; its audit chain then runs through the whole class);
 * each test starts from an emptied namespace with no session anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PluginTestBase {

  static final String NS = "payments";
  static final String POD = "checkout";
  static final String IMAGE_ID = "docker.io/library/busybox@sha256:"
      + "0f5ae7c11f6c4d1ff1c5e0a5a0d6b2f0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";

  RealCluster cluster;
  KubernetesClient admin;
  PodStatusWriter kubelet;
  final List<String> auditLines = new CopyOnWriteArrayList<>();
  private FaultProxy proxy;
  private KubernetesClient operatorClient;
  private InProcessOperator operator;

  @BeforeAll
  void startOperator() {
    cluster = RealCluster.get();
    admin = cluster.client(TestUser.ADMIN);
    TestNamespace.deleteAllSessions(admin);
    TestNamespace.forgetAuditChain(admin, RealCluster.OPERATOR_NAMESPACE, InProcessOperator.CHAIN_CONFIG_MAP);
    kubelet = new PodStatusWriter(admin);
    proxy = FaultProxy.start(URI.create(cluster.server().url()));
    proxy.exec().setHandler(request -> {
      kubelet.ephemeralTerminated(request.namespace(), request.pod(), request.container(), 143, IMAGE_ID);
      return ExecResult.success("debugsession-stop signalled=1\n");
    });
    operatorClient = new KubernetesClientBuilder()
        .withConfig(KubeApiServer.config(proxy.url(), cluster.operatorToken(), "operator-under-plugin-test")).build();
    operator = InProcessOperator.start(operatorClient, true, InProcessOperator.FAST,
        Duration.ofSeconds(10), Clock.systemUTC(), false,
        new InProcessOperator.Audit(RealCluster.OPERATOR_NAMESPACE, auditLines::add, Optional.empty(),
            Duration.ZERO));
  }

  @BeforeEach
  void emptyCluster() {
    TestNamespace.prepare(admin, NS);
    TestNamespace.deleteAllSessions(admin);
  }

  @AfterAll
  void stopOperator() {
    operator.close();
    operatorClient.close();
    proxy.close();
    admin.close();
  }

  /** Runs {@code kubectl debugsession ARGS} as {@code user}: their kubeconfig goes right after the command words. */
  PluginRun plugin(TestUser user, String... args) {
    return plugin(user, "", new PluginRun.RecordingRunner(0), args);
  }

  PluginRun plugin(TestUser user, String stdin, PluginRun.RecordingRunner runner, String... args) {
    int words = args[0].equals("audit") ? 2 : 1;
    List<String> line = new ArrayList<>(List.of(args).subList(0, words));
    line.add("--kubeconfig=" + kubeconfig(user));
    line.addAll(List.of(args).subList(words, args.length));
    return PluginRun.run(stdin, runner, line.toArray(String[]::new));
  }

  String kubeconfig(TestUser user) {
    return cluster.server().kubeconfig(user).toString();
  }

  Pod runningPod() {
    admin.resource(TestPods.scheduledApp(NS, POD)).create();
    return kubelet.podRunning(NS, POD);
  }

  void createPolicy(String name, String specYaml) {
    String yaml = "apiVersion: debugsession.io/v1alpha1\nkind: DebugPolicy\nmetadata:\n  name: " + name
        + "\nspec:\n" + specYaml.indent(2);
    admin.resource(admin.getKubernetesSerialization().unmarshal(yaml, DebugPolicy.class)).create();
  }

  DebugSession session(String name) {
    return admin.resources(DebugSession.class).inNamespace(NS).withName(name).get();
  }

  DebugSession awaitPhase(String name, Phase phase) {
    eventually().until(() -> session(name) != null && session(name).getStatus() != null
        && session(name).getStatus().getPhase() == phase);
    return session(name);
  }

  /** Plays the kubelet: once the operator injected the session's debugger, reports it running. */
  Thread kubeletStartsDebuggerOf(String name) {
    Thread thread = new Thread(() -> {
      DebugSession active = awaitPhase(name, Phase.Active);
      kubelet.ephemeralRunning(NS, POD, active.getStatus().getContainerName(), IMAGE_ID);
    }, "kubelet-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** An Active session of alice's, its debugger reported running. */
  DebugSession activeSession(String name) {
    runningPod();
    kubeletStartsDebuggerOf(name);
    PluginRun start = plugin(TestUser.REQUESTER, "start", POD, "-n", NS, "--name", name, "--reason", "INC-7: 502s",
        "--ttl", "5m", "--no-attach");
    if (start.exit() != 0) {
      throw new AssertionError("start failed: " + start);
    }
    eventually().until(() -> SessionWaiter.debuggerRunning(session(name)));
    return session(name);
  }

  static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
  }
}
