package io.debugsession.operator.lifecycle;

import static io.debugsession.operator.lifecycle.SessionFixtures.EXPIRES_AT;
import static io.debugsession.operator.lifecycle.SessionFixtures.IMAGE_ID;
import static io.debugsession.operator.lifecycle.SessionFixtures.TIMING;
import static io.debugsession.operator.lifecycle.SessionFixtures.containerName;
import static io.debugsession.operator.lifecycle.SessionFixtures.pod;
import static io.debugsession.operator.lifecycle.SessionFixtures.running;
import static io.debugsession.operator.lifecycle.SessionFixtures.runningView;
import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static io.debugsession.operator.lifecycle.SessionFixtures.terminated;
import static io.debugsession.operator.lifecycle.SessionFixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An Active session within its TTL, nobody asking it to end: follow the container, or notice that it is gone. */
class SessionPlannerActiveTest {

  private final SessionPlanner planner = new SessionPlanner(TIMING);
  private final DebugSession session = session().active(EXPIRES_AT).build();

  @Test
  void deletedPodEndsTheSession() {
    Step step = planner.plan(session, null, EXPIRES_AT.minusSeconds(60));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.TargetPodDeleted, StopOutcome.PodGone,
        "Pod \"checkout-7d9f\" was deleted; its debug container went with it", ContainerView.UNKNOWN));
  }

  @Test
  void replacedPodEndsTheSession() {
    Pod replacement = pod().uid("b2c3d4e5-0000-4000-8000-000000000002").build();

    Step step = planner.plan(session, replacement, EXPIRES_AT.minusSeconds(60));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.TargetPodReplaced, StopOutcome.PodGone,
        "Pod \"checkout-7d9f\" was replaced (UID a1b2c3d4-0000-4000-8000-000000000001 is gone, "
            + "b2c3d4e5-0000-4000-8000-000000000002 is a new pod that this session never touches)",
        ContainerView.UNKNOWN));
  }

  static Stream<Arguments> nextChecks() {
    return Stream.of(
        Arguments.of("a poll interval before expiry", EXPIRES_AT.minusSeconds(60), EXPIRES_AT.minusSeconds(50)),
        Arguments.of("expiry before the next poll", EXPIRES_AT.minusSeconds(3), EXPIRES_AT),
        Arguments.of("expiry exactly at the next poll", EXPIRES_AT.minusSeconds(10), EXPIRES_AT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextChecks")
  void runningContainerIsFollowedUntilTheNextPollOrExpiry(String when, Instant now, Instant nextCheck) {
    Pod pod = pod().ephemeralStatus(containerName(), running()).build();

    Step step = planner.plan(session, pod, now);

    assertThat(step).isEqualTo(new Step.Follow(runningView(), nextCheck));
  }

  @Test
  void containerNotReportedYetIsFollowed() {
    Pod pod = pod().build();

    Step step = planner.plan(session, pod, EXPIRES_AT.minusSeconds(60));

    assertThat(step).isEqualTo(new Step.Follow(ContainerView.UNKNOWN, EXPIRES_AT.minusSeconds(50)));
  }

  @Test
  void waitingContainerIsFollowedWithItsReason() {
    Pod pod = pod().ephemeralStatus(containerName(), waiting("ImagePullBackOff")).build();

    Step step = planner.plan(session, pod, EXPIRES_AT.minusSeconds(60));

    assertThat(step).isEqualTo(new Step.Follow(
        new ContainerView(ContainerView.State.Waiting, "ImagePullBackOff", null, IMAGE_ID, null),
        EXPIRES_AT.minusSeconds(50)));
  }

  @Test
  void containerThatExitsBeforeExpiryEndsTheSession() {
    Instant finishedAt = EXPIRES_AT.minusSeconds(300);
    Pod pod = pod().ephemeralStatus(containerName(), terminated(0, "Completed", finishedAt)).build();

    Step step = planner.plan(session, pod, EXPIRES_AT.minusSeconds(290));

    assertThat(step).isEqualTo(new Step.Finish(Phase.Ended, EndReason.DebugContainerExited, StopOutcome.ExitedOnItsOwn,
        "The debug container exited with code 0 (Completed)",
        new ContainerView(ContainerView.State.Terminated, "Completed", 0, IMAGE_ID, finishedAt)));
  }

  @Test
  void exitCodeOfAFailedDebugCommandIsInTheMessage() {
    Instant finishedAt = EXPIRES_AT.minusSeconds(300);
    Pod pod = pod().ephemeralStatus(containerName(), terminated(127, "Error", finishedAt)).build();

    Step step = planner.plan(session, pod, EXPIRES_AT.minusSeconds(290));

    assertThat(step).isInstanceOf(Step.Finish.class);
    assertThat(((Step.Finish) step).message()).isEqualTo("The debug container exited with code 127 (Error)");
  }
}
