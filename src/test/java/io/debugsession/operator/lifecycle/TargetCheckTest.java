package io.debugsession.operator.lifecycle;

import static io.debugsession.operator.lifecycle.SessionFixtures.NAMESPACE;
import static io.debugsession.operator.lifecycle.SessionFixtures.NOW;
import static io.debugsession.operator.lifecycle.SessionFixtures.POD_NAME;
import static io.debugsession.operator.lifecycle.SessionFixtures.pod;
import static io.debugsession.operator.lifecycle.SessionFixtures.terminated;
import static io.debugsession.operator.lifecycle.SessionFixtures.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetCheckTest {

  private static final TargetSpec APP = new TargetSpec(POD_NAME, "app");
  private static final TargetSpec ANY_CONTAINER = new TargetSpec(POD_NAME, null);

  private static TargetCheck.Verdict evaluate(Pod pod, TargetSpec target) {
    return TargetCheck.evaluate(pod, target, NAMESPACE);
  }

  @Test
  void missingPodMayStillAppear() {
    TargetCheck.Verdict verdict = evaluate(null, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.NotYet(EndReason.TargetPodNotFound,
        "Pod \"checkout-7d9f\" not found in namespace \"shop\""));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Succeeded", "Failed"})
  void finishedPodCanNeverTakeADebugContainer(String phase) {
    Pod pod = pod().phase(phase).build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.Impossible(EndReason.TargetPodNotRunning,
        "Pod \"checkout-7d9f\" has finished (phase " + phase + "); a debug container can only join a Running pod"));
  }

  @Test
  void podBeingDeletedCanNeverTakeADebugContainer() {
    Pod pod = pod().deleting().build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.Impossible(EndReason.TargetPodTerminating,
        "Pod \"checkout-7d9f\" is being deleted"));
  }

  @Test
  void unknownContainerIsImpossibleAndListsTheContainers() {
    Pod pod = pod().containers("app", "envoy").build();

    TargetCheck.Verdict verdict = evaluate(pod, new TargetSpec(POD_NAME, "ap"));

    assertThat(verdict).isEqualTo(new TargetCheck.Impossible(EndReason.TargetContainerNotFound,
        "Pod \"checkout-7d9f\" has no container \"ap\"; its containers are: app, envoy"));
  }

  @Test
  void omittedContainerIsAmbiguousWhenThePodHasTwo() {
    Pod pod = pod().containers("app", "envoy").build();

    TargetCheck.Verdict verdict = evaluate(pod, ANY_CONTAINER);

    assertThat(verdict).isEqualTo(new TargetCheck.Impossible(EndReason.TargetContainerAmbiguous,
        "Pod \"checkout-7d9f\" has 2 containers (app, envoy); set spec.target.container to one of them"));
  }

  @Test
  void omittedContainerResolvesToThePodsOnlyContainer() {
    Pod pod = pod().containers("server").build();

    TargetCheck.Verdict verdict = evaluate(pod, ANY_CONTAINER);

    assertThat(verdict).isEqualTo(new TargetCheck.Ready("server"));
  }

  @Test
  void namedRunningContainerIsReady() {
    Pod pod = pod().containers("app", "envoy").build();

    TargetCheck.Verdict verdict = evaluate(pod, new TargetSpec(POD_NAME, "envoy"));

    assertThat(verdict).isEqualTo(new TargetCheck.Ready("envoy"));
  }

  @Test
  void pendingPodMayStillStart() {
    Pod pod = pod().phase("Pending").container("app", waiting("ContainerCreating")).build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.NotYet(EndReason.TargetPodNotRunning,
        "Pod \"checkout-7d9f\" is Pending, not Running"));
  }

  @Test
  void podWithoutPhaseMayStillStart() {
    Pod pod = pod().phase(null).build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.NotYet(EndReason.TargetPodNotRunning,
        "Pod \"checkout-7d9f\" has no status yet, so it is not Running"));
  }

  @Test
  void waitingTargetContainerMayStillStartAndSaysWhy() {
    Pod pod = pod().container("app", waiting("CrashLoopBackOff")).build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.NotYet(EndReason.TargetContainerNotRunning,
        "Container \"app\" of pod \"checkout-7d9f\" is not running (CrashLoopBackOff)"));
  }

  @Test
  void terminatedTargetContainerMayRestartAndSaysWhy() {
    Pod pod = pod().container("app", terminated(137, "OOMKilled", NOW)).build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.NotYet(EndReason.TargetContainerNotRunning,
        "Container \"app\" of pod \"checkout-7d9f\" is not running (OOMKilled)"));
  }

  @Test
  void targetContainerWithoutStatusIsNotRunningYet() {
    Pod pod = pod().container("app", null).build();

    TargetCheck.Verdict verdict = evaluate(pod, APP);

    assertThat(verdict).isEqualTo(new TargetCheck.NotYet(EndReason.TargetContainerNotRunning,
        "Container \"app\" of pod \"checkout-7d9f\" is not running"));
  }
}
