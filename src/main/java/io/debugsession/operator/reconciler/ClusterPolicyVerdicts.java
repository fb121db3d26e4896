package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.adapter.IdentityPolicyProbe;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import io.debugsession.operator.policy.IdentityAdmission;
import io.debugsession.operator.policy.PolicyEvaluator;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Reads what a decision needs, on demand (policies are few; sessions are decided once): the DebugPolicies, the
 * session's namespace labels, and whether the identity admission policy is in force; the deciding itself is pure.
 */
public class ClusterPolicyVerdicts implements PolicyVerdicts {

  private final KubernetesClient client;
  private final IdentityPolicyProbe identity;
  private final boolean requireVerifiedRequester;

  public ClusterPolicyVerdicts(KubernetesClient client, IdentityPolicyProbe identity,
      boolean requireVerifiedRequester) {
    this.client = client;
    this.identity = identity;
    this.requireVerifiedRequester = requireVerifiedRequester;
  }

  @Override
  public PolicyVerdict verdictFor(DebugSession session) {
    String namespace = session.getMetadata().getNamespace();
    Namespace ns = client.namespaces().withName(namespace).get();
    Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null
        ? Map.of() : ns.getMetadata().getLabels();
    List<DebugPolicy> policies = client.resources(DebugPolicy.class).list().getItems();
    // An approver's decision is acted on once: it is checked against the admission policies as they are now.
    IdentityAdmission verified = session.getSpec().getApproval() != null ? identity.freshIdentity()
        : identity.identity();
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session.getSpec(), session.getMetadata().getGeneration(),
        namespace, labels, policies, verified);
    if (requireVerifiedRequester && !verified.enforced()) {
      return verdict.withDenial(EndReason.RequesterUnverified, "the requester cannot be verified: " + verified.problem());
    }
    return verdict;
  }

  @Override
  public boolean identityVerified() {
    return identity.freshIdentity().enforced();
  }
}
