package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.ExecRequest;
import org.junit.jupiter.api.Test;

/** Deleting a DebugSession: an Active one stops its debugger before the finalizer lets go. */
class SessionDeletionIT extends OperatorTestBase {

  @Test
  void deletingAnActiveSessionStopsItsDebuggerFirst() {
    runningPod();
    createSession("dbg-1");
    String container = awaitPhase("dbg-1", Phase.Active).getStatus().getContainerName();
    kubelet.ephemeralRunning(NS, POD, container, IMAGE_ID);
    eventually().until(() -> session("dbg-1").getStatus().getDebugContainer() != null);
    assertThat(session("dbg-1").getMetadata().getFinalizers()).contains(DebugSession.FINALIZER);

    client.resource(session("dbg-1")).delete();

    eventually().until(() -> session("dbg-1") == null);
    assertThat(proxy.exec().calls()).singleElement().extracting(ExecRequest::container).isEqualTo(container);
    assertThat(pod().getStatus().getEphemeralContainerStatuses()).singleElement()
        .satisfies(s -> assertThat(s.getState().getTerminated()).isNotNull());
    assertThat(eventReasons("dbg-1")).contains("Signalled", "Ended");
  }

  @Test
  void deletingAFinishedSessionLetsGoAtOnce() {
    createSession("dbg-1", spec -> spec.setTarget(new io.debugsession.operator.api.v1alpha1.TargetSpec(POD, "x")));
    runningPod();
    awaitPhase("dbg-1", Phase.Failed);

    client.resource(session("dbg-1")).delete();

    eventually().until(() -> session("dbg-1") == null);
    assertThat(proxy.exec().calls()).isEmpty();
  }
}
