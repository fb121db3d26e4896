package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.testsupport.proxy.Fault;
import io.debugsession.operator.testsupport.proxy.RequestMatcher;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The operator killed mid-session (its connections cut at once, as SIGKILL would, then a new one started with only
 * what the cluster holds): the debugger is added once, stopped when its deadline passes, and the audit chain has
 * each fact once.
 */
class OperatorKillIT extends OperatorTestBase {

  private static final RequestMatcher STATUS_OF_DBG_1 =
      RequestMatcher.anyMethod(path -> path.endsWith("/debugsessions/dbg-1/status"));

  @Test
  void killedAfterAddingTheContainerButBeforeWritingStatusAdoptsItAndStopsItOnTime() {
    // Arrange: the first status write after the injection never reaches the server.
    runningPod();
    Fault statusWrite = proxy.hold(STATUS_OF_DBG_1, 1);
    createSession("dbg-1");
    eventually().until(() -> statusWrite.fired() == 1);
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(session("dbg-1").getStatus()).isNull();

    // Act
    killOperator(() -> {});
    DebugSession active = awaitPhase("dbg-1", Phase.Active);
    kubelet.ephemeralRunning(NS, POD, active.getStatus().getContainerName(), IMAGE_ID);
    eventually().until(() -> session("dbg-1").getStatus().getDebugContainer() != null);
    passDeadline("dbg-1", Duration.ZERO);

    // Assert
    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(ephemeralContainerWrites()).isZero(); // the new operator found the container and adopted it
    assertThat(Conditions.find(active.getStatus().getConditions(), ConditionType.Injected).getReason())
        .isEqualTo("Adopted");
    assertThat(proxy.exec().calls()).extracting(OperatorTestBase::last).containsExactly("TERM");
    // On time: the stop came at the first pass after the deadline, on the operator's clock.
    assertThat(Instant.parse(expired.getStatus().getEndedAt()))
        .isBetween(Instant.parse(expired.getStatus().getExpiresAt()), clock.instant());
    assertAuditOnce("requested", "injected", "container-running", "expired");
  }

  @Test
  void killedWhileActiveAndBackAfterTheDeadlineStopsTheDebuggerOnceAtItsFirstPass() {
    // Arrange
    String container = activeRunningSession("dbg-1");
    String expiresAt = session("dbg-1").getStatus().getExpiresAt();

    // Act: the deadline passes while no operator runs.
    killOperator(() -> passDeadline("dbg-1", Duration.ofSeconds(30)));

    // Assert
    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(expired.getStatus().getExpiresAt()).isEqualTo(expiresAt);
    assertThat(proxy.exec().calls()).singleElement().satisfies(call -> {
      assertThat(call.container()).isEqualTo(container);
      assertThat(last(call)).isEqualTo("TERM");
    });
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(ephemeralContainerWrites()).isZero();
    assertAuditOnce("requested", "injected", "container-running", "expired");
  }

  private void assertAuditOnce(String... events) {
    new AuditChainView(auditLines, client).assertEachFactOnce(events);
  }
}
