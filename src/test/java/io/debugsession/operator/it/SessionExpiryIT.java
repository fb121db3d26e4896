package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.container.DebugProcessScripts;
import io.debugsession.operator.testsupport.ExecRequest;
import io.debugsession.operator.testsupport.ExecResult;
import io.debugsession.operator.testsupport.proxy.Statuses;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The TTL and early end: which layer stopped the debugger, and the stop never aimed anywhere but at the debug
 * container. The operator's clock is moved past the deadline instead of waiting a minute. Each exec is authorised
 * and checked by the real API server; its kubelet end is played by the test (see OperatorTestBase).
 */
class SessionExpiryIT extends OperatorTestBase {

  @Test
  void containerEndedByItsOwnWrapperExpiresTheSessionWithoutAnyExec() {
    String container = activeRunningSession("dbg-1");
    passDeadline("dbg-1", Duration.ofMillis(500));

    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(expired.getStatus().getEndReason()).isEqualTo("Expired");
    assertThat(stopped(expired).getStatus()).isEqualTo("True");
    assertThat(stopped(expired).getReason()).isEqualTo("DeadlineWrapper");
    assertThat(expired.getStatus().getDebugContainer().getExitCode()).isEqualTo(143);
    assertThat(proxy.exec().calls()).isEmpty();
    assertThat(eventReasons("dbg-1")).contains("Expired");
  }

  @Test
  void containerStillRunningAfterTheWrapperGraceIsStoppedByTheOperatorsTerm() {
    String container = activeRunningSession("dbg-1");

    passDeadline("dbg-1", Duration.ofSeconds(4)); // past grace (2s) + slack (1s)

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(stopped(expired).getReason()).isEqualTo("OperatorSignal");
    assertThat(expired.getStatus().getStop().getTermSentAt()).isNotNull();
    assertThat(expired.getStatus().getStop().getSignalledProcesses()).isEqualTo(2);
    assertThat(proxy.exec().calls()).singleElement().satisfies(exec -> {
      assertThat(exec.pod()).isEqualTo(POD);
      assertThat(exec.container()).isEqualTo(container);
      assertThat(exec.command()).isEqualTo(DebugProcessScripts.stopCommand("TERM"));
    });
    assertThat(eventReasons("dbg-1")).contains("Signalled", "Expired");
  }

  @Test
  void debuggerThatIgnoresTermIsKilledAfterTheGracePeriod() {
    String container = activeRunningSession("dbg-1");
    proxy.exec().setHandler(request -> {
      if (request.command().contains("KILL")) {
        kubelet.ephemeralTerminated(NS, POD, container, 137, IMAGE_ID, clock.instant());
      }
      return ExecResult.success("debugsession-stop signal=" + last(request) + " signalled=1\n");
    });

    passDeadline("dbg-1", Duration.ofSeconds(4));

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(stopped(expired).getReason()).isEqualTo("OperatorSignal");
    assertThat(expired.getStatus().getStop().getKillSentAt()).isNotNull();
    assertThat(expired.getStatus().getDebugContainer().getExitCode()).isEqualTo(137);
    assertThat(proxy.exec().calls()).extracting(OperatorTestBase::last).containsExactly("TERM", "KILL");
    assertThat(proxy.exec().calls()).extracting(ExecRequest::container).containsOnly(container);
  }

  @Test
  void endingEarlyStopsTheDebuggerAtOnceAndEndsTheSession() {
    String container = activeRunningSession("dbg-1");

    endRequested("dbg-1");

    DebugSession ended = awaitPhase("dbg-1", Phase.Ended);
    assertThat(ended.getStatus().getEndReason()).isEqualTo("EndRequested");
    assertThat(stopped(ended).getReason()).isEqualTo("OperatorSignal");
    assertThat(proxy.exec().calls()).singleElement().extracting(ExecRequest::container).isEqualTo(container);
  }

  @Test
  void deadlineSurvivesAnOperatorRestart() {
    activeRunningSession("dbg-1");
    String expiresAt = session("dbg-1").getStatus().getExpiresAt();

    restartOperator();
    passDeadline("dbg-1", Duration.ofSeconds(4));

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(expired.getStatus().getExpiresAt()).isEqualTo(expiresAt);
    assertThat(stopped(expired).getReason()).isEqualTo("OperatorSignal");
  }

  private static Condition stopped(DebugSession session) {
    return Conditions.find(session.getStatus().getConditions(), ConditionType.Stopped);
  }
}
