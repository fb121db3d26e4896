package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import io.debugsession.operator.lifecycle.Ttl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy verdict on a DebugSession, from its spec, its namespace, the DebugPolicies in the cluster and what the
 * API server verifies of identities; pure, so the reconciler reads them and this decides. A TTL above the maximum is
 * denied, never shortened.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {}

  /**
   * The verdict on a session with {@code spec} at {@code generation} in {@code namespace}, under {@code policies},
   * with what the API server verifies of identities ({@code identity}): the policies' terms, and the decision in
   * spec.approval as far as the API server verified it.
   */
  public static PolicyVerdict evaluate(DebugSessionSpec spec, Long generation, String namespace,
      Map<String, String> namespaceLabels, List<DebugPolicy> policies, IdentityAdmission identity) {
    PolicyVerdict verdict = evaluate(spec, namespace, namespaceLabels, policies);
    var approval = spec.getApproval();
    String refusal = null;
    if (approval != null) {
      // A denial, like an approval, counts only from an approver the policies authorise.
      refusal = ApprovalCheck.unverified(identity, generation)
          .or(() -> ApprovalCheck.authorise(verdict, approval.getApprover(), approval.getGroups(),
              spec.getRequester()))
          .orElse(null);
    }
    return verdict.withIdentity(refusal, identity.enforced());
  }

  /** The policies' terms alone: no decision in spec.approval counts, and the requester is not verified. */
  public static PolicyVerdict evaluate(
      DebugSessionSpec spec, String namespace, Map<String, String> namespaceLabels, List<DebugPolicy> policies) {
    EffectivePolicy policy = EffectivePolicy.of(PolicyMatcher.governing(namespace, namespaceLabels, policies));
    List<String> reasons = new ArrayList<>(policy.problems());
    reasons.addAll(ImageCheck.reasons(spec.getImage(), policy));
    profileReason(spec.profileOrDefault(), policy).ifPresent(reasons::add);
    Duration ttl = null;
    try {
      ttl = Ttl.parseOrDefault(spec.getTtl(), policy.defaultTtl());
      if (ttl.compareTo(policy.maxTtl()) > 0) {
        reasons.add("ttl " + spec.getTtl() + " exceeds the maximum " + Ttl.format(policy.maxTtl()) + " ("
            + String.join(", ", policy.maxTtlSetBy()) + ")");
      }
    } catch (IllegalArgumentException e) {
      reasons.add(e.getMessage());
    }
    return policy.verdict(reasons, ttl);
  }

  private static Optional<String> profileReason(Profile profile, EffectivePolicy policy) {
    List<String> excludedBy = policy.excluding(profile);
    if (excludedBy.isEmpty()) {
      return Optional.empty();
    }
    Set<Profile> allowed = policy.profiles();
    String allowedText =
        allowed.isEmpty() ? "none" : allowed.stream().map(Profile::value).collect(Collectors.joining(", "));
    return Optional.of("profile \"" + profile.value() + "\" is not allowed (allowed: " + allowedText + "; by "
        + String.join(", ", excludedBy) + ")");
  }
}
