package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import java.time.Duration;
import java.util.List;

/**
 * What policy says about one DebugSession in one namespace.
 *
 * @param reasons every reason for denial, each a sentence naming the policy; empty when allowed
 * @param ttl the session's TTL, or the effective default when it names none; null when its TTL is not a duration
 * @param maxEphemeralContainersPerPodSetBy the policies that set that maximum, as messages name them
 * @param governedBy names of the governing DebugPolicies, or {@link BuiltInPolicy#NAME} alone
 */
public record PolicyVerdict(
    List<String> reasons,
    Duration ttl,
    ApprovalRequirement approval,
    int maxEphemeralContainersPerPod,
    List<String> maxEphemeralContainersPerPodSetBy,
    OnExpiry onExpiry,
    OnStopFailure onStopFailure,
    List<String> governedBy) {

  public PolicyVerdict {
    reasons = List.copyOf(reasons);
    maxEphemeralContainersPerPodSetBy = List.copyOf(maxEphemeralContainersPerPodSetBy);
    governedBy = List.copyOf(governedBy);
  }

  public boolean allowed() {
    return reasons.isEmpty();
  }
}
