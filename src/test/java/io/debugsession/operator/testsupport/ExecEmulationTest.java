package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.debugsession.operator.testsupport.TestPods.debugContainer;
import static io.debugsession.operator.testsupport.TestPods.withDebugContainer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExecEmulationTest {

  private static final String NS = "test";
  private static final String SCRIPT = "kill -s \"$1\" 1; echo \"debugsession-stop signal=$1 signalled=2\"";

  private EmulatedKubeApiServer api;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    api = EmulatedKubeApiServer.start();
    client = api.createClient();
    Pod pod = client.resource(TestPods.scheduledApp(NS, "app")).create();
    client.pods().resource(withDebugContainer(pod, debugContainer("dbg1", "busybox:1.36", "app")))
        .ephemeralContainers().update();
  }

  @AfterEach
  void stop() {
    client.close();
    api.close();
  }

  private ExecWatch stop(String container) {
    return client.pods().inNamespace(NS).withName("app").inContainer(container).redirectingOutput().redirectingError()
        .exec("sh", "-c", SCRIPT, "debugsession-stop", "TERM");
  }

  @Test
  void roundTripReturnsHandlerOutputAndExitCode() throws Exception {
    api.exec().setHandler(request -> ExecResult.success(
        "debugsession-stop signal=" + request.command().get(4) + " signalled=2\n"));

    try (ExecWatch watch = stop("dbg1")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isZero();
      assertThat(read(watch.getOutput())).isEqualTo("debugsession-stop signal=TERM signalled=2\n");
      assertThat(read(watch.getError())).isEmpty();
    }
    assertThat(api.exec().calls()).singleElement().satisfies(call -> {
      assertThat(call.namespace()).isEqualTo(NS);
      assertThat(call.pod()).isEqualTo("app");
      assertThat(call.container()).isEqualTo("dbg1");
      assertThat(call.command()).containsExactly("sh", "-c", SCRIPT, "debugsession-stop", "TERM");
      assertThat(call.stdout()).isTrue();
      assertThat(call.stderr()).isTrue();
      assertThat(call.stdin()).isFalse();
      assertThat(call.tty()).isFalse();
    });
  }

  @Test
  void nonZeroExitCodeAndStderrArrive() throws Exception {
    api.exec().setHandler(request -> ExecResult.exit(3, "", "kill: (1) - No such process\n"));

    try (ExecWatch watch = stop("dbg1")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(read(watch.getError())).isEqualTo("kill: (1) - No such process\n");
    }
  }

  @Test
  void afterANonZeroExitFabric8EndsTheStreamsWithAnIOExceptionInsteadOfEof() throws Exception {
    api.exec().setHandler(request -> ExecResult.exit(3, "partial\n", ""));

    try (ExecWatch watch = stop("dbg1")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(3);
      assertThatThrownBy(() -> watch.getOutput().readAllBytes())
          .isInstanceOf(IOException.class).hasMessage("closed")
          .hasRootCauseMessage("process exited with a non-zero exit code: 3");
    }
  }

  @Test
  void handlerCanReportTheContainerTerminatedThroughTheSameServer() throws Exception {
    PodStatusWriter kubelet = new PodStatusWriter(client);
    api.exec().setHandler(request -> {
      kubelet.ephemeralTerminated(request.namespace(), request.pod(), request.container(), 143, "docker.io/busybox@sha256:1");
      return ExecResult.success("debugsession-stop signal=TERM signalled=2\n");
    });

    try (ExecWatch watch = stop("dbg1")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isZero();
    }

    List<ContainerStatus> statuses = client.pods().inNamespace(NS).withName("app").get().getStatus()
        .getEphemeralContainerStatuses();
    assertThat(statuses).singleElement().satisfies(s -> {
      assertThat(s.getState().getTerminated().getExitCode()).isEqualTo(143);
      assertThat(s.getImageID()).isEqualTo("docker.io/busybox@sha256:1");
    });
  }

  @Test
  void handlerFailureGivesExitCodeMinusOne() throws Exception {
    api.exec().setHandler(request -> {
      throw new IllegalStateException("boom");
    });

    try (ExecWatch watch = stop("dbg1")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    }
  }

  @Test
  void forcedRejectionFailsTheExecWith400() {
    api.exec().rejectNext(1, ApiStatus.noHostAssigned("app"));

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> stop("dbg1"));

    // fabric8 7.5.2 + Vert.x client: the Status body of a refused upgrade is dropped; only the HTTP code
    // survives, on the WebSocketHandshakeException cause. The exception itself has code -1.
    assertThat(e.getCode()).isEqualTo(-1);
    assertThat(e.getMessage()).isEqualTo("An error has occurred.");
    assertThat(handshakeCode(e)).isEqualTo(400);
    assertThat(api.exec().calls()).hasSize(1);
  }

  @Test
  void unscheduledPodIsRefusedWhenHostIsRequired() {
    client.resource(TestPods.app(NS, "pending")).create();
    api.exec().requireHostAssigned(true);

    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> client.pods()
        .inNamespace(NS).withName("pending").inContainer("app").redirectingOutput().exec("true"));

    assertThat(handshakeCode(e)).isEqualTo(400);
  }

  @Test
  void execProceedsOnAPodWithoutStatus() throws Exception {
    client.resource(TestPods.app(NS, "pending")).create();
    api.exec().setHandler(request -> ExecResult.success("ok"));

    try (ExecWatch watch = client.pods().inNamespace(NS).withName("pending").inContainer("app").redirectingOutput()
        .exec("true")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isZero();
      assertThat(read(watch.getOutput())).isEqualTo("ok");
    }
  }

  @Test
  void withReadyWaitTimeoutFabric8WaitsForReadinessThenExecsAnyway() throws Exception {
    client.resource(TestPods.app(NS, "pending")).create();
    api.exec().setHandler(request -> ExecResult.success("ok"));

    long started = System.nanoTime();
    try (ExecWatch watch = client.pods().inNamespace(NS).withName("pending").inContainer("app")
        .withReadyWaitTimeout(1000).redirectingOutput().exec("true")) {
      assertThat(watch.exitCode().get(10, TimeUnit.SECONDS)).isZero();
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(900);
  }

  @Test
  void unknownContainerIsRefusedByFabric8BeforeAnyExecRequest() {
    KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class, () -> stop("nope"));

    assertThat(e.getMessage()).contains("container nope not found in pod app");
    assertThat(api.exec().calls()).isEmpty();
  }

  /**
   * Reads an ExecWatch stream to its end. fabric8's ExecWatchInputStream ends with
   * {@code IOException("closed")} instead of -1 when the process exited non-zero, so readAllBytes()
   * would lose what was read; the buffered bytes themselves are all delivered first.
   */
  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1;) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (e.getCause() == null || !String.valueOf(e.getCause().getMessage()).startsWith("process exited with a non-zero")) {
        throw e;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int handshakeCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException handshake) {
        return handshake.getResponse().code();
      }
    }
    throw new AssertionError("no WebSocketHandshakeException in the cause chain", e);
  }
}
