package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.OnExpiry;
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
    boolean allowed,
    List<String> reasons,
    Duration ttl,
    ApprovalRequirement approval,
    int maxEphemeralContainersPerPod,
    List<String> maxEphemeralContainersPerPodSetBy,
    OnExpiry onExpiry,
    List<String> governedBy) {

  public PolicyVerdict {
    reasons = List.copyOf(reasons);
    maxEphemeralContainersPerPodSetBy = List.copyOf(maxEphemeralContainersPerPodSetBy);
    governedBy = List.copyOf(governedBy);
  }

  /** One line for status, Events and the audit trail: every reason for denial, or who allowed the session. */
  public String message() {
    if (allowed) {
      return "Allowed by " + String.join(", ", governedBy.stream().map(PolicyVerdict::label).toList());
    }
    return "Denied: " + String.join("; ", reasons);
  }

  private static String label(String name) {
    return name.equals(BuiltInPolicy.NAME) ? BuiltInPolicy.TERMS.label() : PolicyTerms.label(name);
  }
}
