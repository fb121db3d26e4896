package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

  @Test
  void theTimelineSaysWhoApprovedWhichLayerStoppedTheDebuggerAndHowTheSessionEnded() {
    DebugSession session = Sessions.active("s1");
    var status = session.getStatus();
    status.setPhase(Phase.Expired);
    status.setApprover("bob");
    status.setApprovedAt("2026-12-01T10:00:01Z");
    status.setApprovers(List.of(new PolicyApprovers("prod", List.of("bob"), List.of("sre-leads"))));
    StopStatus stop = new StopStatus();
    stop.setCause("Expired");
    stop.setTermSentAt("2026-12-01T10:15:03Z");
    status.setStop(stop);
    status.setConditions(List.of(new ConditionBuilder().withType("Stopped").withStatus("True")
        .withReason("OperatorSignal").withMessage("stopped by the operator's TERM")
        .withLastTransitionTime("2026-12-01T10:15:04Z").build()));
    status.setEndedAt("2026-12-01T10:15:05Z");
    status.setEndReason("Expired");

    String text = SessionDescription.render(session, Instant.parse("2026-12-01T10:20:00Z"));

    assertThat(text).contains("Phase:      Expired\n").contains("Approvers:  prod: users bob or members of groups "
        + "sre-leads\n");
    assertThat(text).contains("""
        Timeline:
          2026-12-01T10:00:00Z  Requested by alice: INC-1
          2026-12-01T10:00:01Z  Approved by bob
          2026-12-01T10:00:02Z  Injected debug container debug-s1 into pod checkout
          2026-12-01T10:15:03Z  Operator sent TERM (Expired)
          2026-12-01T10:15:04Z  Stopped by OperatorSignal: stopped by the operator's TERM
          2026-12-01T10:15:05Z  Expired (Expired)
        Conditions:
          TYPE      STATUS   REASON           SINCE   MESSAGE
          Stopped   True     OperatorSignal   4m56s   stopped by the operator's TERM
        """);
  }
}
