package io.debugsession.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.audit.chain.AuditTrail;
import io.debugsession.operator.audit.chain.InMemoryChainStore;
import io.debugsession.operator.audit.sink.JsonLinesSink;
import io.debugsession.operator.lifecycle.ContainerView;
import io.debugsession.operator.status.StatusTransitions;
import io.debugsession.operator.lifecycle.Step;
import io.debugsession.operator.lifecycle.StopCause;
import io.debugsession.operator.status.StopTransitions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code debugsession.stop.failures} counts a failing stop once, when the session goes into StopFailing, however many
 * passes see it go there: a pass over a stale copy of the session (the informer's cache not yet updated, a status
 * patch lost) plans the same transition again. It used to be counted by every such pass.
 */
class StopFailureMetricTest {

  private static final Instant NOW = Instant.parse("2030-05-01T10:00:00Z");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<String> logLines = new ArrayList<>();
  private final StopMetrics metrics = new StopMetrics();
  private final SessionAuditor auditor = new SessionAuditor(
      new AuditTrail(new InMemoryChainStore(), List.of(new JsonLinesSink(logLines::add))),
      metrics::chained, "test");

  @Test
  void twoPassesIntoStopFailingFromTheSameObservedStatusCountOnce() {
    DebugSession stale = session(active());

    auditor.transition(stale, stopFailingPass(stale, NOW), NOW);
    auditor.transition(stale, stopFailingPass(stale, NOW.plusMillis(100)), NOW.plusMillis(100));

    assertThat(metrics.failures()).isEqualTo(1);
    assertThat(logLines.stream().filter(l -> l.contains("\"event\":\"stop-failed\""))).hasSize(1);
  }

  @Test
  void passesWhileTheStopKeepsFailingCountNothingMore() {
    DebugSession active = session(active());
    StatusTransitions failing = stopFailingPass(active, NOW);
    auditor.transition(active, failing, NOW);
    DebugSession seenFailing = session(failing.status());

    auditor.transition(seenFailing, stopFailingPass(seenFailing, NOW.plusSeconds(10)), NOW.plusSeconds(10));

    assertThat(metrics.failures()).isEqualTo(1);
  }

  @Test
  void eachSessionWhoseStopFailsCounts() {
    DebugSession one = session(active());
    auditor.transition(one, stopFailingPass(one, NOW), NOW);
    DebugSession other = session(active());
    other.getMetadata().setUid("uid-2");

    auditor.transition(other, stopFailingPass(other, NOW), NOW);

    assertThat(metrics.failures()).isEqualTo(2);
  }

  private static DebugSession session(DebugSessionStatus status) {
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName("checkout-debug").withNamespace("shop").withUid("uid-1")
        .withGeneration(1L).build());
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("checkout", "app"));
    spec.setImage("busybox:1.37");
    spec.setRequester("alice");
    session.setSpec(spec);
    session.setStatus(status);
    return session;
  }

  private static DebugSessionStatus active() {
    DebugSessionStatus status = new DebugSessionStatus();
    status.setPhase(Phase.Active);
    status.setPodName("checkout");
    status.setContainerName("debug-checkout-debug-uid1");
    status.setStartedAt(NOW.minusSeconds(60).toString());
    return status;
  }

  /** A pass that finds the debug container still running after SIGKILL, over {@code session} as observed. */
  private static StatusTransitions stopFailingPass(DebugSession session, Instant now) {
    StatusTransitions pass = new StatusTransitions(session, SERIALIZATION.clone(session.getStatus()), now);
    return new StopTransitions(pass).stopFailing(new Step.StopFailing(StopCause.EXPIRED, "still running",
        ContainerView.UNKNOWN));
  }
}
