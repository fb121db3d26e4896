package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.SessionGate;
import java.util.List;
import java.util.Map;

/**
 * Turns the policy verdict, and the decision in spec.approval as far as the API server verified it, into the gate the
 * session planner works with.
 */
public final class PolicyGates {

  private PolicyGates() {}

  /**
   * The gate of a session with {@code spec} at {@code generation} in {@code namespace}, under {@code policies}, with
   * what the API server verifies of identities ({@code identity}).
   */
  public static SessionGate gate(DebugSessionSpec spec, Long generation, String namespace,
      Map<String, String> namespaceLabels, List<DebugPolicy> policies, IdentityAdmission identity) {
    PolicyVerdict verdict = PolicyEvaluator.evaluate(spec, namespace, namespaceLabels, policies);
    var approval = spec.getApproval();
    String refusal = null;
    if (approval != null) {
      // A denial, like an approval, counts only from an approver the policies authorise.
      refusal = ApprovalCheck.unverified(identity, generation)
          .or(() -> ApprovalCheck.authorise(verdict, approval.getApprover(), approval.getGroups(),
              spec.getRequester()))
          .orElse(null);
    }
    return new SessionGate(
        verdict.allowed() ? null : EndReason.PolicyDenied,
        verdict.allowed() ? null : String.join("; ", verdict.reasons()),
        verdict.ttl(),
        verdict.approval().required(),
        verdict.approval().timeout(),
        refusal,
        verdict.approval().approverSets().stream()
            .map(set -> new PolicyApprovers(set.policyName(), set.users(), set.groups())).toList(),
        (pod, count) -> PolicyEvaluator.podCapReason(verdict, pod, count),
        verdict.onExpiry() == OnExpiry.STOP_AND_EVICT,
        verdict.onStopFailure() == OnStopFailure.EVICT,
        verdict.governedBy(),
        identity.enforced());
  }
}
