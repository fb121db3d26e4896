package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.container.DebugContainerName;
import io.debugsession.operator.container.DebugProcessScripts;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.proxy.ProxiedRequest;
import io.debugsession.operator.testsupport.proxy.Statuses;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending to Active: exactly one debug container, added once, whatever is lost or retried on the way. */
class SessionInjectionIT extends OperatorTestBase {

  @Test
  void runningPodGetsOneDebugContainerAndTheSessionGoesActive() {
    createPolicy("shop-debugging", "namespaces: [shop]\nprofiles: [general, baseline]\n");
    runningPod();

    createSession("dbg-1", spec -> {
      spec.setProfile(Profile.GENERAL);
      spec.setCommand(List.of("sh", "-l"));
    });

    DebugSession active = awaitPhase("dbg-1", Phase.Active);
    String name = DebugContainerName.of("dbg-1", active.getMetadata().getUid());
    List<EphemeralContainer> containers = pod().getSpec().getEphemeralContainers();
    assertThat(containers).hasSize(1);
    EphemeralContainer debugger = containers.get(0);
    assertThat(debugger.getName()).isEqualTo(name);
    assertThat(debugger.getImage()).isEqualTo("busybox:1.37");
    assertThat(debugger.getTargetContainerName()).isEqualTo(APP);
    assertThat(debugger.getStdin()).isTrue();
    assertThat(debugger.getTty()).isTrue();
    assertThat(debugger.getSecurityContext().getCapabilities().getAdd()).containsExactly("SYS_PTRACE");
    assertThat(debugger.getCommand()).isEqualTo(DebugProcessScripts.wrapperCommand());
    assertThat(debugger.getArgs()).containsExactly("sh", "-l");
    var status = active.getStatus();
    assertThat(status.getPodName()).isEqualTo(POD);
    assertThat(status.getPodUID()).isEqualTo(pod().getMetadata().getUid());
    assertThat(status.getContainerName()).isEqualTo(name);
    assertThat(status.getTargetContainer()).isEqualTo(APP);
    assertThat(Duration.between(Instant.parse(status.getStartedAt()), Instant.parse(status.getExpiresAt())))
        .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(61));
    assertThat(debugger.getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo(DebugProcessScripts.ENV_EXPIRES_AT);
      assertThat(env.getValue()).isEqualTo(Long.toString(Instant.parse(status.getExpiresAt()).getEpochSecond()));
    });
    assertThat(status.getObservedGeneration()).isEqualTo(active.getMetadata().getGeneration());
    assertThat(Conditions.find(status.getConditions(), ConditionType.Injected).getStatus()).isEqualTo("True");
    assertThat(status.getMessage()).contains("kubectl attach -it -n shop checkout -c " + name);
    assertThat(eventReasons("dbg-1")).contains("DebugContainerAdded");
    assertThat(ephemeralContainerWrites()).isEqualTo(1);
  }

  @Test
  void restartedOperatorDoesNotAddASecondContainer() {
    runningPod();
    createSession("dbg-1");
    awaitPhase("dbg-1", Phase.Active);

    restartOperator();
    kubelet.ephemeralRunning(NS, POD, session("dbg-1").getStatus().getContainerName(), IMAGE_ID);

    eventually().untilAsserted(() -> assertThat(session("dbg-1").getStatus().getDebugContainer())
        .isNotNull().extracting(DebugContainerStatus::getState).isEqualTo("Running"));
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(ephemeralContainerWrites()).isEqualTo(1);
  }

  @Test
  void lostResponseIsFollowedByAdoptionNotByASecondContainer() {
    runningPod();
    proxy.loseResponse(EPHEMERAL_CONTAINER_WRITES, 1); // the server adds the container; its answer is lost

    createSession("dbg-1");

    DebugSession active = awaitPhase("dbg-1", Phase.Active);
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    // fabric8 itself retries a 5xx: the real server answers that second PUT, which carries the old
    // resourceVersion, with 409; the injector re-reads the pod, finds its container by name and adopts it.
    assertThat(proxy.requests(EPHEMERAL_CONTAINER_WRITES)).extracting(ProxiedRequest::status)
        .startsWith(504).containsOnly(504, 409);
    assertThat(Conditions.find(active.getStatus().getConditions(), ConditionType.Injected).getReason())
        .isEqualTo("Adopted");
    // The deadline is the one written into the container, which its wrapper enforces.
    String written = pod().getSpec().getEphemeralContainers().get(0).getEnv().stream()
        .filter(e -> DebugProcessScripts.ENV_EXPIRES_AT.equals(e.getName())).findFirst().orElseThrow().getValue();
    assertThat(Instant.parse(active.getStatus().getExpiresAt()).getEpochSecond()).isEqualTo(Long.parseLong(written));
  }

  @Test
  void conflictsAreRetriedUntilTheContainerIsAdded() {
    runningPod();
    proxy.respond(EPHEMERAL_CONTAINER_WRITES, 2, Statuses.conflict("pods", POD));

    createSession("dbg-1");

    awaitPhase("dbg-1", Phase.Active);
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    assertThat(ephemeralContainerWrites()).isEqualTo(3);
  }

  @Test
  void debugContainerStateAndImageDigestAreFollowed() {
    runningPod();
    createSession("dbg-1");
    String container = awaitPhase("dbg-1", Phase.Active).getStatus().getContainerName();

    kubelet.ephemeralRunning(NS, POD, container, IMAGE_ID);

    eventually().untilAsserted(() -> {
      var status = session("dbg-1").getStatus();
      assertThat(status.getDebugContainer()).isNotNull();
      assertThat(status.getDebugContainer().getState()).isEqualTo("Running");
      assertThat(status.getDebugContainer().getImageID()).isEqualTo(IMAGE_ID);
      assertThat(Conditions.find(status.getConditions(), ConditionType.DebugContainerRunning).getStatus())
          .isEqualTo("True");
    });
    assertThat(eventReasons("dbg-1")).contains("DebugContainerRunning");
  }

  @Test
  void debuggerThatExitsByItselfEndsTheSessionWithItsExitCode() {
    runningPod();
    createSession("dbg-1");
    String container = awaitPhase("dbg-1", Phase.Active).getStatus().getContainerName();
    kubelet.ephemeralRunning(NS, POD, container, IMAGE_ID);

    kubelet.ephemeralTerminated(NS, POD, container, 3, IMAGE_ID, clock.instant());

    DebugSession ended = awaitPhase("dbg-1", Phase.Ended);
    assertThat(ended.getStatus().getEndReason()).isEqualTo("DebugContainerExited");
    assertThat(ended.getStatus().getDebugContainer().getExitCode()).isEqualTo(3);
    assertThat(ended.getStatus().getMessage()).isEqualTo("The debug container exited with code 3 (Error)");
    assertThat(proxy.exec().calls()).isEmpty();
  }

  @Test
  void containerFoundWithAnAbsurdDeadlineIsAdoptedWithTheSessionsTtlInsteadOfFailingEveryPass() {
    // Arrange: dbg-1 waits for its pod; a container of its name turns up in it first, added past the bypass guard
    // the only way it allows (the operator's account), with a deadline of 99999999999999999 seconds: a long, but no
    // time, and it once threw DateTimeException on every pass, which was retried forever.
    createSession("dbg-1");
    eventually().until(() -> session("dbg-1").getStatus() != null);
    client.resource(TestPods.scheduledApp(NS, POD)).create();
    DebugSession waiting = session("dbg-1");
    EphemeralContainer absurd = TestPods.debugContainer(
        DebugContainerName.of("dbg-1", waiting.getMetadata().getUid()), "busybox:1.37", APP);
    absurd.setEnv(List.of(new EnvVar(DebugProcessScripts.ENV_EXPIRES_AT,
        "99999999999999999", null)));
    operatorClient().pods().resource(TestPods.withDebugContainer(pod(), absurd))
        .ephemeralContainers().update();
    Instant added = clock.instant();

    // Act
    DebugSession active = awaitPhase("dbg-1", Phase.Active);

    // Assert: the operator's stop comes at the session's TTL (1m), not at the container's word
    Instant expiresAt = Instant.parse(active.getStatus().getExpiresAt());
    assertThat(expiresAt).isBetween(added.plus(Duration.ofSeconds(55)), clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(Conditions.find(active.getStatus().getConditions(), ConditionType.Injected).getReason())
        .isEqualTo("Adopted");
    eventually().untilAsserted(() -> assertThat(warningReasons("dbg-1")).contains("DebugContainerDeadlineReplaced"));
  }

  @Test
  void podThatAppearsAfterTheSessionIsWaitedFor() {
    createSession("dbg-1");
    eventually().untilAsserted(() -> assertThat(session("dbg-1").getStatus()).isNotNull()
        .extracting(DebugSessionStatus::getMessage).asString().startsWith("Waiting: Pod \"checkout\" not found"));

    runningPod();

    awaitPhase("dbg-1", Phase.Active);
  }
}
