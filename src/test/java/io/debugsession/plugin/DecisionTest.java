package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {

  private static DebugSession awaiting() {
    DebugSession session = Sessions.active("s1");
    session.getStatus().setPhase(Phase.AwaitingApproval);
    session.getStatus().setApprovers(List.of(new PolicyApprovers("prod", null, List.of("sre-leads", "oncall"))));
    return session;
  }

  @Test
  void theApproverIsTheCallerWithTheirGroupsThatAPolicyLists() {
    String patch = Decision.patch(awaiting(), ApprovalDecision.Approved,
        new Identity("bob", List.of("sre-leads", "system:authenticated")), "INC-1 ok");

    assertThat(patch).isEqualTo("{\"spec\":{\"approval\":{\"decision\":\"Approved\",\"approver\":\"bob\","
        + "\"groups\":[\"sre-leads\"],\"reason\":\"INC-1 ok\"}}}");
  }

  @Test
  void refusesTheRequesterAndASessionNotWaiting() {
    assertThatThrownBy(() -> Decision.patch(awaiting(), ApprovalDecision.Denied, new Identity("alice", List.of()),
        "no")).hasMessage("you (alice) asked for debugsession \"s1\": someone else must approve or deny it");
    assertThatThrownBy(() -> Decision.patch(Sessions.active("s2"), ApprovalDecision.Approved,
        new Identity("bob", List.of()), "ok"))
        .hasMessage("debugsession \"s2\" is Active, not AwaitingApproval: there is nothing to approve");
  }
}
