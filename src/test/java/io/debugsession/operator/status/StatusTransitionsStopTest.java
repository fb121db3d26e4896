package io.debugsession.operator.status;

import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.IMAGE_ID;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.runningView;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.debugsession.operator.lifecycle.ContainerView;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.EvictionResult;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopCause;
import io.debugsession.operator.lifecycle.StopOutcome;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Recording the stop of the debug container (signals, waits) and the session's end. */
class StatusTransitionsStopTest {

  private static final Instant TERM_SENT_AT = NOW.minusSeconds(10);
  private static final String EXEC_REFUSED = "exec refused (HTTP 403): pods \"checkout-7d9f\" is forbidden";
  private static final Step.SendSignal TERM = new Step.SendSignal(StopCause.EXPIRED, Signal.TERM, runningView());
  private static final Step.SendSignal KILL = new Step.SendSignal(StopCause.EXPIRED, Signal.KILL, runningView());
  private static final ContainerView EXITED =
      new ContainerView(ContainerView.State.Terminated, "Error", 143, IMAGE_ID, NOW.minusSeconds(1));

  private static StatusTransitions transitions(DebugSession session) {
    return new StatusTransitions(session, session.getStatus(), NOW);
  }

  private static Condition condition(StatusTransitions t, ConditionType type) {
    return Conditions.find(t.status().getConditions(), type);
  }

  private static Step.Finish finish(StopOutcome outcome, String message) {
    return new Step.Finish(Phase.Expired, EndReason.Expired, outcome, message, EXITED);
  }

  // --- signals

  @Test
  void termRecordsTheCauseTheTimeAndTheProcessesReached() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    new StopTransitions(t).signalled(TERM, SignalResult.delivered(3), NOW);

    assertThat(t.status().getStop())
        .extracting(StopStatus::getCause, StopStatus::getTermSentAt, StopStatus::getKillSentAt,
            StopStatus::getSignalledProcesses, StopStatus::getLastError)
        .containsExactly("Expired", "2030-05-01T10:00:30.250Z", null, 3, null);
  }

  @Test
  void aSignalIsRecordedAsSentWhenTheSignallerReturnedNotWhenThePassBegan() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());
    Instant execReturned = NOW.plusMillis(700);

    new StopTransitions(t).signalled(TERM, SignalResult.delivered(3), execReturned);

    assertThat(t.status().getStop().getTermSentAt()).isEqualTo(execReturned.toString());
  }

  @Test
  void deliveredTermIsANormalEvent() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    new StopTransitions(t).signalled(TERM, SignalResult.delivered(3), NOW);

    String message = "Sent SIGTERM to 3 process(es) of debug container " + containerName();
    assertThat(t.status().getMessage()).isEqualTo(message);
    assertThat(t.events()).containsExactly(SessionEvent.normal(EventReason.Signalled, message));
    assertThat(condition(t, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "Stopping");
  }

  @Test
  void killRecordsItsTimeNextToTheTerm() {
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).termSentAt(TERM_SENT_AT).build();
    StatusTransitions t = transitions(session);

    new StopTransitions(t).signalled(KILL, SignalResult.delivered(1), NOW);

    assertThat(t.status().getStop())
        .extracting(StopStatus::getTermSentAt, StopStatus::getKillSentAt, StopStatus::getSignalledProcesses)
        .containsExactly(TERM_SENT_AT.toString(), "2030-05-01T10:00:30.250Z", 1);
  }

  @Test
  void failedSignalRecordsTheErrorAndWarns() {
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).termSentAt(TERM_SENT_AT).build();
    StatusTransitions t = transitions(session);

    new StopTransitions(t).signalled(KILL, SignalResult.failed(EXEC_REFUSED), NOW);

    String message = "Could not send SIGKILL to debug container " + containerName() + ": " + EXEC_REFUSED;
    assertThat(t.status().getStop().getKillSentAt()).isEqualTo("2030-05-01T10:00:30.250Z");
    assertThat(t.status().getStop().getLastError()).isEqualTo(EXEC_REFUSED);
    assertThat(t.status().getMessage()).isEqualTo(message);
    assertThat(t.events()).containsExactly(SessionEvent.warning(EventReason.SignalFailed, message));
  }

  @Test
  void signalKeepsTheCauseRecordedFirst() {
    DebugSession session = session().active(EXPIRES_AT).stopCause(StopCause.END_REQUESTED).build();
    StatusTransitions t = transitions(session);

    new StopTransitions(t).signalled(new Step.SendSignal(StopCause.SESSION_DELETED, Signal.TERM, runningView()), SignalResult.delivered(2), NOW);

    assertThat(t.status().getStop().getCause()).isEqualTo("EndRequested");
  }

  @Test
  void awaitStopRecordsTheCauseAndExplainsTheWait() {
    String message = "TTL reached: waiting for the debug container's own deadline wrapper";
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    new StopTransitions(t).awaitStop(new Step.AwaitStop(StopCause.EXPIRED, message, EXPIRES_AT.plusSeconds(15), runningView()));

    assertThat(t.status().getStop().getCause()).isEqualTo("Expired");
    assertThat(t.status().getMessage()).isEqualTo(message);
    assertThat(condition(t, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", "Stopping", message);
    assertThat(t.events()).isEmpty();
  }

  // --- the end

  @Test
  void finishRecordsThePhaseTheReasonAndTheTime() {
    String message = "TTL reached: the debug container was stopped by its own deadline wrapper and exited with code "
        + "143 (Error)";
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    t.finish(finish(StopOutcome.DeadlineWrapper, message));

    assertThat(t.status())
        .extracting(DebugSessionStatus::getPhase, DebugSessionStatus::getEndReason, DebugSessionStatus::getEndedAt,
            DebugSessionStatus::getMessage, DebugSessionStatus::getDebugContainer)
        .containsExactly(Phase.Expired, "Expired", "2030-05-01T10:00:30.250Z", message,
            new DebugContainerStatus("Terminated", "Error", 143, IMAGE_ID));
  }

  @Test
  void finishSaysWhichLayerStoppedTheContainer() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    t.finish(finish(StopOutcome.DeadlineWrapper, "stopped"));

    assertThat(condition(t, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "DeadlineWrapper", "stopped");
    assertThat(condition(t, ConditionType.DebugContainerRunning))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "DeadlineWrapper");
    assertThat(t.events()).containsExactly(SessionEvent.normal(EventReason.Expired, "stopped"));
  }

  // --- a failing stop: loud, never final

  private static final Step.StopFailing FAILING =
      new Step.StopFailing(StopCause.EXPIRED, "still Running after SIGKILL", runningView());

  @Test
  void aFailingStopStaysActiveAndSaysSoWithAConditionAndAWarning() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).termSentAt(TERM_SENT_AT)
        .killSentAt(NOW.minusSeconds(5)).stopCause(StopCause.EXPIRED).build());

    new StopTransitions(t).stopFailing(FAILING);

    assertThat(t.status().getPhase()).isEqualTo(Phase.Active);
    assertThat(t.status().getEndedAt()).isNull();
    assertThat(t.status().getStop().getFailingSince()).isEqualTo(NOW.toString());
    assertThat(condition(t, ConditionType.StopFailing))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", "StillRunningAfterKill", "still Running after SIGKILL");
    assertThat(condition(t, ConditionType.Stopped))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "StopFailed");
    assertThat(t.events()).containsExactly(SessionEvent.warning(EventReason.StopFailing, "still Running after SIGKILL"));
  }

  @Test
  void everyKillIsCountedAsAnAttemptEvenWhenTheExecFailed() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).termSentAt(TERM_SENT_AT).build());

    new StopTransitions(t).signalled(KILL, SignalResult.failed("exec did not finish within 10s"), NOW);
    new StopTransitions(t).signalled(KILL, SignalResult.delivered(2), NOW.plusSeconds(5));

    assertThat(t.status().getStop())
        .extracting(StopStatus::getKillAttempts, StopStatus::getKillSentAt, StopStatus::getLastError)
        .containsExactly(2, NOW.plusSeconds(5).toString(), "exec did not finish within 10s");
  }

  @Test
  void aKillRetryKeepsTheFailingReasonOnTheStoppedCondition() {
    DebugSession session = session().active(EXPIRES_AT).termSentAt(TERM_SENT_AT).killSentAt(NOW.minusSeconds(5))
        .stopCause(StopCause.EXPIRED).build();
    DebugSessionStatus failing = new StopTransitions(transitions(session)).stopFailing(FAILING).status();

    DebugSessionStatus retried = new StopTransitions(new StatusTransitions(session, failing, NOW.plusSeconds(10)))
        .signalled(KILL, SignalResult.delivered(2), NOW.plusSeconds(10)).status();

    assertThat(Conditions.find(retried.getConditions(), ConditionType.Stopped).getReason()).isEqualTo("StopFailed");
    assertThat(Conditions.find(retried.getConditions(), ConditionType.StopFailing).getStatus()).isEqualTo("True");
    assertThat(retried.getPhase()).isEqualTo(Phase.Active);
  }

  @Test
  void anAcceptedEscalationRecordsTheEvictionAndStaysActive() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).build());

    new StopTransitions(t).escalated(new Step.EscalateEviction(StopCause.EXPIRED, "evicting", runningView()),
        new EvictionResult.Evicted());

    assertThat(t.status().getPhase()).isEqualTo(Phase.Active);
    assertThat(t.status().getEviction().getEvictedAt()).isEqualTo(NOW.toString());
    assertThat(t.status().getEviction().getLastAttemptAt()).isEqualTo(NOW.toString());
    assertThat(condition(t, ConditionType.Evicted).getReason()).isEqualTo("Evicted");
    assertThat(t.events()).extracting(SessionEvent::reason).containsExactly("EvictedAfterStopFailure");
  }

  @Test
  void aBlockedEscalationRecordsWhyAndWhen() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).stopCause(StopCause.EXPIRED).build());

    new StopTransitions(t).escalated(new Step.EscalateEviction(StopCause.EXPIRED, "evicting", runningView()),
        new EvictionResult.Blocked("PDB"));

    assertThat(t.status().getEviction())
        .extracting(e -> e.getEvictedAt(), e -> e.getLastAttemptAt(), e -> e.getBlockedBy())
        .containsExactly(null, NOW.toString(), "PDB");
    assertThat(condition(t, ConditionType.Evicted).getReason()).isEqualTo("Blocked");
  }

  @Test
  void theEndOfAFailingStopClearsStopFailing() {
    DebugSession session = session().active(EXPIRES_AT).termSentAt(TERM_SENT_AT).killSentAt(NOW.minusSeconds(5))
        .stopCause(StopCause.EXPIRED).build();
    DebugSessionStatus failing = new StopTransitions(transitions(session)).stopFailing(FAILING).status();

    DebugSessionStatus ended = new StatusTransitions(session, failing, NOW.plusSeconds(60))
        .finish(finish(StopOutcome.PodEvicted, "evicted")).status();

    assertThat(Conditions.find(ended.getConditions(), ConditionType.StopFailing))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "PodEvicted");
    assertThat(Conditions.find(ended.getConditions(), ConditionType.Stopped).getStatus()).isEqualTo("True");
  }

  @Test
  void finishWithoutAReportedContainerKeepsTheLastKnownOne() {
    StatusTransitions t = transitions(session().active(EXPIRES_AT).build());

    t.finish(new Step.Finish(Phase.Ended, EndReason.TargetPodDeleted, StopOutcome.PodGone, "gone", ContainerView.UNKNOWN));

    assertThat(t.status().getDebugContainer()).isEqualTo(new DebugContainerStatus("Running", null, null, IMAGE_ID));
  }

  @Test
  void stoppedConditionKeepsItsTimeWhileStoppingFails() {
    DebugSession session = session().active(EXPIRES_AT).build();
    Instant stoppingSince = NOW.minusSeconds(30);
    DebugSessionStatus stopping = new StopTransitions(new StatusTransitions(session, session.getStatus(), stoppingSince))
        .signalled(TERM, SignalResult.delivered(1), NOW).status();

    DebugSessionStatus failed = new StopTransitions(new StatusTransitions(session, stopping, NOW)).stopFailing(FAILING).status();

    assertThat(Conditions.find(failed.getConditions(), ConditionType.Stopped).getLastTransitionTime())
        .isEqualTo(stoppingSince.toString());
  }

  @Test
  void stoppedConditionMovesWhenTheContainerStops() {
    DebugSession session = session().active(EXPIRES_AT).build();
    DebugSessionStatus stopping = new StopTransitions(new StatusTransitions(session, session.getStatus(), NOW.minusSeconds(30)))
        .signalled(TERM, SignalResult.delivered(1), NOW).status();

    DebugSessionStatus stopped = new StatusTransitions(session, stopping, NOW)
        .finish(finish(StopOutcome.OperatorSignal, "stopped")).status();

    assertThat(Conditions.find(stopped.getConditions(), ConditionType.Stopped).getLastTransitionTime())
        .isEqualTo(NOW.toString());
  }
}
