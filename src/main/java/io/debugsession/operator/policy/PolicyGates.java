package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.lifecycle.SessionGate;
import java.util.List;
import java.util.Map;

/** Turns the policy verdict (and the approval in the spec) into the gate the session planner works with. */
public final class PolicyGates {

  private PolicyGates() {}

  public static SessionGate gate(DebugSessionSpec spec, String namespace, Map<String, String> namespaceLabels,
      List<DebugPolicy> policies, boolean requesterVerified) {
    PolicyVerdict verdict = PolicyEvaluator.evaluate(spec, namespace, namespaceLabels, policies);
    var approval = spec.getApproval();
    String refusal = approval != null && approval.getDecision() == ApprovalDecision.Approved
        ? ApprovalCheck.authorise(verdict, approval.getApprover(), approval.getGroups(), spec.getRequester())
            .orElse(null)
        : null;
    return new SessionGate(
        verdict.allowed() ? null : "PolicyDenied",
        verdict.allowed() ? null : String.join("; ", verdict.reasons()),
        verdict.ttl(),
        verdict.approval().required(),
        verdict.approval().timeout(),
        refusal,
        (pod, count) -> PolicyEvaluator.podCapReason(verdict, pod, count),
        verdict.onExpiry() == OnExpiry.STOP_AND_EVICT,
        verdict.onStopFailure() == OnStopFailure.EVICT,
        verdict.governedBy(),
        requesterVerified);
  }
}
