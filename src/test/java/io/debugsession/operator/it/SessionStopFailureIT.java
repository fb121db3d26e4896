package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.testsupport.ExecRequest;
import io.debugsession.operator.testsupport.ExecResult;
import io.debugsession.operator.testsupport.proxy.Statuses;
import io.debugsession.operator.testsupport.proxy.RequestMatcher;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stop that fails or lies never ends the session while the kubelet reports the debug container running: it is
 * reported (condition, Warning Event), KILL is retried with backoff, and the pod is evicted where policy says so.
 * The exec's answer is the proxy's (a 500, or a fake sh's "signalled=2", exit 0); the kubelet's report is the test's.
 */
class SessionStopFailureIT extends OperatorTestBase {

  private static final RequestMatcher EVICTIONS = RequestMatcher.of("POST", path -> path.endsWith("/eviction"));

  /** What a fake sh first in PATH answers: the stop script's report, exit 0, and nothing stopped. */
  private void execsLie() {
    proxy.exec().setHandler(request -> ExecResult.success("debugsession-stop signal=" + last(request)
        + " signalled=2\n"));
  }

  private static Condition condition(DebugSession session, ConditionType type) {
    Condition condition = Conditions.find(session.getStatus().getConditions(), type);
    assertThat(condition).as("condition " + type).isNotNull();
    return condition;
  }

  @Test
  void aLyingStopKeepsTheSessionActiveAndRetriesKillUntilTheKubeletReportsTerminated() {
    String container = activeRunningSession("dbg-1");
    execsLie();
    passDeadline("dbg-1", Duration.ofSeconds(4));
    Instant operatorStop = clock.instant();

    eventually().untilAsserted(() -> {
      DebugSession failing = session("dbg-1");
      assertThat(failing.getStatus().getPhase()).isEqualTo(Phase.Active);
      assertThat(condition(failing, ConditionType.StopFailing).getStatus()).isEqualTo("True");
      assertThat(failing.getStatus().getStop().getKillAttempts()).isGreaterThanOrEqualTo(3);
    });
    DebugSession failing = session("dbg-1");
    System.out.println("[stop-failure] lying stop reported StopFailing after "
        + Duration.between(operatorStop, Instant.parse(failing.getStatus().getStop().getFailingSince())).toMillis()
        + " ms (operator clock); KILL attempts so far " + failing.getStatus().getStop().getKillAttempts());
    assertThat(condition(failing, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason).containsExactly("False", "StopFailed");
    assertThat(failing.getStatus().getEndedAt()).isNull();
    assertThat(warningReasons("dbg-1")).contains("StopFailing");
    assertThat(proxy.exec().calls()).extracting(OperatorTestBase::last).startsWith("TERM", "KILL", "KILL")
        .containsOnly("TERM", "KILL");

    kubelet.ephemeralTerminated(NS, POD, container, 137, IMAGE_ID, clock.instant());

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(condition(expired, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "OperatorSignal");
    assertThat(condition(expired, ConditionType.StopFailing).getStatus()).isEqualTo("False");
    assertThat(expired.getStatus().getDebugContainer().getExitCode()).isEqualTo(137);
  }

  @Test
  void failedExecsAreRetriedAndTheSessionEndsOnlyWhenTheKubeletSaysSo() {
    String container = activeRunningSession("dbg-1");
    // TERM and the first two KILLs fail as an exec into a container whose /bin/sh was removed does (exit 126); the
    // third KILL gets through and the kubelet reports the container terminated.
    AtomicInteger kills = new AtomicInteger();
    proxy.exec().setHandler(request -> {
      if ("KILL".equals(last(request)) && kills.incrementAndGet() == 3) {
        kubelet.ephemeralTerminated(NS, POD, container, 137, IMAGE_ID, clock.instant());
        return ExecResult.success("debugsession-stop signal=KILL signalled=1\n");
      }
      return ExecResult.exit(126, "", "exec: \"/bin/sh\": permission denied");
    });

    passDeadline("dbg-1", Duration.ofSeconds(4));

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
    assertThat(expired.getStatus().getStop().getKillAttempts()).isEqualTo(3);
    assertThat(expired.getStatus().getStop().getFailingSince()).isNotNull();
    assertThat(proxy.exec().calls()).extracting(OperatorTestBase::last).containsExactly("TERM", "KILL", "KILL", "KILL");
    assertThat(warningReasons("dbg-1")).contains("SignalFailed", "StopFailing");
  }

  @Test
  void anExecTheServerAnswersWithA500IsRetriedByTheOperatorAndNeverSilentlyInsideTheClient() {
    String container = activeRunningSession("dbg-1");
    // The TERM and the first KILL get a 500 in the place of the exec upgrade; the second KILL gets through and the
    // kubelet reports the container terminated (the base's exec handler).
    proxy.respond(EXEC, 2, Statuses.serverError("etcdserver: request timed out"));

    passDeadline("dbg-1", Duration.ofSeconds(4));

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
    assertThat(expired.getStatus().getStop().getKillAttempts()).isEqualTo(2);
    // Each exec the operator decided on reached the server exactly once: a client that retried a refused upgrade
    // by itself would have blocked the reconcile for its whole backoff (about 100 s) and shown here as more requests.
    assertThat(proxy.requests(EXEC)).hasSize(3);
    assertThat(proxy.exec().calls()).extracting(OperatorTestBase::last).containsExactly("KILL");
    assertThat(warningReasons("dbg-1")).contains("SignalFailed");
  }

  @Test
  void anExecWhoseAnswerIsLostIsRetried() {
    String container = activeRunningSession("dbg-1");
    // The server handles the TERM's upgrade, its answer is lost on the way back (a 504 in its place).
    proxy.loseResponse(EXEC, 1);

    passDeadline("dbg-1", Duration.ofSeconds(4));

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
    assertThat(expired.getStatus().getStop().getKillAttempts()).isEqualTo(1);
    assertThat(proxy.requests(EXEC)).hasSize(2);
    assertThat(proxy.exec().calls()).extracting(ExecRequest::container).containsExactly(container);
    assertThat(warningReasons("dbg-1")).contains("SignalFailed");
  }

  @Test
  void anExecThatNeverFinishesTimesOutAndKillIsRetried() {
    String container = activeRunningSession("dbg-1");
    // The first KILL's process hangs past the operator's exec timeout (10 s here); the next one stops the debugger.
    AtomicInteger kills = new AtomicInteger();
    proxy.exec().setHandler(request -> {
      if ("KILL".equals(last(request)) && kills.incrementAndGet() == 1) {
        try {
          Thread.sleep(15_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ExecResult.success("");
      }
      if ("KILL".equals(last(request))) {
        kubelet.ephemeralTerminated(NS, POD, container, 137, IMAGE_ID, clock.instant());
      }
      return ExecResult.success("debugsession-stop signal=" + last(request) + " signalled=1\n");
    });

    passDeadline("dbg-1", Duration.ofSeconds(4));

    eventually().untilAsserted(() -> assertThat(session("dbg-1").getStatus().getStop())
        .as("the timed-out KILL is reported").isNotNull()
        .extracting(StopStatus::getLastError).asString().contains("did not finish within 10s"));
    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(condition(expired, ConditionType.Stopped).getReason()).isEqualTo("OperatorSignal");
    assertThat(expired.getStatus().getStop().getKillAttempts()).isEqualTo(2);
    assertThat(proxy.exec().calls()).extracting(OperatorTestBase::last).containsExactly("TERM", "KILL", "KILL");
  }

  @Test
  void aLyingStopUnderAnEvictPolicyEvictsThePodAndEndsWhenTheKubeletStopsIt() {
    createPolicy("shop-evict-on-stop-failure", """
        namespaces: [shop]
        onStopFailure: Evict
        """);
    String container = activeRunningSession("dbg-1");
    execsLie();
    passDeadline("dbg-1", Duration.ofSeconds(4));

    eventually().untilAsserted(() -> assertThat(pod().getMetadata().getDeletionTimestamp())
        .as("evicted: the pod is being deleted").isNotNull());
    DebugSession evicting = session("dbg-1");
    assertThat(evicting.getStatus().getOnStopFailure()).isEqualTo("Evict");
    assertThat(evicting.getStatus().getPhase()).isEqualTo(Phase.Active);
    assertThat(proxy.requests(EVICTIONS)).singleElement()
        .satisfies(eviction -> assertThat(eviction.status()).isEqualTo(201));
    eventually().untilAsserted(() -> assertThat(warningReasons("dbg-1"))
        .contains("StopFailing", "EvictedAfterStopFailure"));

    // The kubelet stops every container of the evicted pod.
    kubelet.ephemeralTerminated(NS, POD, container, 137, IMAGE_ID, clock.instant());

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(condition(expired, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "PodEvicted");
    assertThat(proxy.requests(EVICTIONS)).hasSize(1);
  }
}
