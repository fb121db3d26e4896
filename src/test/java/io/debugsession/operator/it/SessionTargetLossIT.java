package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.TestPods;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The target pod goes away while the session is Active: the session ends and a new pod is never touched. */
class SessionTargetLossIT extends OperatorTestBase {

  @Test
  void deletedPodEndsTheSession() {
    runningPod();
    createSession("dbg-1");
    awaitPhase("dbg-1", Phase.Active);

    client.pods().inNamespace(NS).withName(POD).withGracePeriod(0).delete();

    DebugSession ended = awaitPhase("dbg-1", Phase.Ended);
    assertThat(ended.getStatus().getEndReason()).isEqualTo("TargetPodDeleted");
    assertThat(ended.getStatus().getMessage())
        .isEqualTo("Pod \"checkout\" was deleted; its debug container went with it");
    assertThat(eventReasons("dbg-1")).contains("Ended");
  }

  @Test
  void replacedPodEndsTheSessionAndTheNewPodIsNeverTouched() {
    runningPod();
    createSession("dbg-1");
    String oldUid = awaitPhase("dbg-1", Phase.Active).getStatus().getPodUID();

    // Replaced while the operator is down, so that only the UID tells the two pods apart.
    restartOperator(() -> {
      client.pods().inNamespace(NS).withName(POD).withGracePeriod(0).delete();
      client.pods().inNamespace(NS).withName(POD).waitUntilCondition(p -> p == null, 10, TimeUnit.SECONDS);
      client.resource(TestPods.scheduledApp(NS, POD)).create();
      kubelet.podRunning(NS, POD);
    });

    DebugSession ended = awaitPhase("dbg-1", Phase.Ended);
    assertThat(ended.getStatus().getEndReason()).isEqualTo("TargetPodReplaced");
    assertThat(ended.getStatus().getMessage()).isEqualTo("Pod \"checkout\" was replaced (UID " + oldUid
        + " is gone, " + pod().getMetadata().getUid() + " is a new pod that this session never touches)");
    assertThat(pod().getSpec().getEphemeralContainers()).isEmpty();
    assertThat(ephemeralContainerWrites()).isEqualTo(1);
    assertThat(proxy.exec().calls()).isEmpty();
  }
}
