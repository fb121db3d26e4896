package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.container.DebugContainerName;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input and refusals end Failed, with a message naming the cause (in the API server's own words where it
 * refused: Pod Security here is the real admission plugin), a Warning Event, and no retry loop.
 */
class SessionFailureIT extends OperatorTestBase {

  @Test
  void missingPodFailsOnceThePendingTimeoutHasPassed() {
    createSession("dbg-1");
    eventually().until(() -> session("dbg-1").getStatus() != null);

    clock.advance(Duration.ofSeconds(7)); // past the 6s pending timeout

    DebugSession failed = awaitPhase("dbg-1", Phase.Failed);
    assertThat(failed.getStatus().getEndReason()).isEqualTo("TargetPodNotFound");
    assertThat(failed.getStatus().getMessage())
        .isEqualTo("Pod \"checkout\" not found in namespace \"shop\" after waiting 6s");
    assertThat(warningReasons("dbg-1")).contains("TargetPodNotFound");
  }

  @Test
  void missingContainerFailsAtOnceNamingTheContainersThereAre() {
    runningPod();

    createSession("dbg-1", spec -> spec.setTarget(new TargetSpec(POD, "sidecar")));

    DebugSession failed = awaitPhase("dbg-1", Phase.Failed);
    assertThat(failed.getStatus().getEndReason()).isEqualTo("TargetContainerNotFound");
    assertThat(failed.getStatus().getMessage())
        .isEqualTo("Pod \"checkout\" has no container \"sidecar\"; its containers are: app");
    assertThat(pod().getSpec().getEphemeralContainers()).isEmpty();
  }

  @Test
  void podThatNeverRunsFailsAfterThePendingTimeout() {
    client.resource(TestPods.scheduledApp(NS, POD)).create();
    kubelet.edit(NS, POD, (pod, status) -> status.setPhase("Pending"));
    createSession("dbg-1");
    eventually().until(() -> session("dbg-1").getStatus() != null);

    clock.advance(Duration.ofSeconds(7));

    DebugSession failed = awaitPhase("dbg-1", Phase.Failed);
    assertThat(failed.getStatus().getEndReason()).isEqualTo("TargetPodNotRunning");
    assertThat(failed.getStatus().getMessage()).isEqualTo("Pod \"checkout\" is Pending, not Running after waiting 6s");
  }

  @Test
  void podSecurityRefusalFailsWithTheApiServersWordsAndIsNotRetried() throws Exception {
    TestNamespace.prepare(client, NS, Map.of("pod-security.kubernetes.io/enforce", "restricted"));
    createPolicy("shop-general", "namespaces: [shop]\nprofiles: [general]\n");
    client.resource(TestPods.restrictedApp(NS, POD)).create();
    kubelet.podRunning(NS, POD);

    createSession("dbg-1", spec -> spec.setProfile(Profile.GENERAL));

    DebugSession failed = awaitPhase("dbg-1", Phase.Failed);
    String container = DebugContainerName.of("dbg-1", failed.getMetadata().getUid());
    assertThat(failed.getStatus().getEndReason()).isEqualTo("InjectionRejected");
    assertThat(failed.getStatus().getMessage()).isEqualTo("The API server refused the debug container (HTTP 403 "
        + "Forbidden): pods \"checkout\" is forbidden: violates PodSecurity \"restricted:latest\": "
        + "allowPrivilegeEscalation != false (container \"" + container + "\" must set "
        + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"" + container
        + "\" must set securityContext.capabilities.drop=[\"ALL\"]; container \"" + container
        + "\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add)");
    assertThat(Conditions.find(failed.getStatus().getConditions(), ConditionType.Injected).getReason())
        .isEqualTo("InjectionRejected");
    assertThat(warningReasons("dbg-1")).containsExactly("InjectionRejected");
    Thread.sleep(3000); // several poll intervals: a retry loop would show up as more writes
    assertThat(ephemeralContainerWrites()).isEqualTo(1);
    assertThat(session("dbg-1").getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(pod().getSpec().getEphemeralContainers()).isEmpty();
  }
}
