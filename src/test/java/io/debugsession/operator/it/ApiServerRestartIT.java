package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver restarted under a running operator (same etcd, same port): its watch breaks and its requests fail
 * while the server is away and while it starts; afterwards the operator ends the session whose debugger stopped at
 * its deadline meanwhile, starts new sessions, and its audit chain has each fact once.
 *
 * <p>The operator talks to the server directly here, not through the fault proxy: seen on 2026-12-01, a watch the
 * proxy relayed while kube-apiserver was starting was accepted (101) and then delivered nothing, whereas the same
 * client's watch straight to the server recovered; what is tested is the operator, not the proxy's relay. So there is
 * no exec stand-in: the debugger ends by its own deadline wrapper, as the kubelet then reports.
 */
class ApiServerRestartIT extends OperatorTestBase {

  @Override
  boolean operatorThroughProxy() {
    return false;
  }

  @Test
  void operatorCarriesOnAfterTheApiServerRestartsMidSession() {
    // Arrange
    String container = activeRunningSession("dbg-1");
    Instant expiresAt = Instant.parse(session("dbg-1").getStatus().getExpiresAt());

    // Act: the deadline passes while the server is down, for a few of the operator's status polls; the wrapper ends
    // the debugger then, which the kubelet reports once the server is back.
    cluster.server().restartApiServer(() -> {
      clock.advance(Duration.between(clock.instant(), expiresAt));
      await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
    });
    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, expiresAt);
    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    createSession("dbg-2");
    DebugSession second = awaitPhase("dbg-2", Phase.Active);

    // Assert
    assertThat(expired.getStatus().getEndReason()).isEqualTo("Expired");
    assertThat(pod().getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
        .containsExactly(container, second.getStatus().getContainerName());
    new AuditChainView(auditLines, client)
        .assertEachFactOnce("requested", "injected", "container-running", "expired", "requested", "injected");
  }
}
