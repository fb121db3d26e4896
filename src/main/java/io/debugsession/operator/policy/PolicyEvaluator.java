package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.Ttl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy verdict on a DebugSession, from its spec, its namespace and the DebugPolicies in the cluster; pure, so
 * the reconciler reads namespaces and policies and this decides. A TTL above the maximum is denied, never shortened.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {}

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
    return new PolicyVerdict(reasons, ttl, policy.approval(), policy.maxEphemeralContainersPerPod(),
        policy.maxEphemeralContainersPerPodSetBy(), policy.onExpiry(), policy.onStopFailure(), policy.governedBy());
  }

  /**
   * Why a session may not add a debug container to pod {@code podName}, which already holds
   * {@code ephemeralContainersInPod} ephemeral containers; empty while there is room for one more.
   */
  public static Optional<String> podCapReason(PolicyVerdict verdict, String podName, int ephemeralContainersInPod) {
    int max = verdict.maxEphemeralContainersPerPod();
    if (ephemeralContainersInPod < max) {
      return Optional.empty();
    }
    String held = ephemeralContainersInPod + " ephemeral container" + (ephemeralContainersInPod == 1 ? "" : "s");
    String limit = ephemeralContainersInPod == max ? "the maximum" : "more than the maximum " + max;
    return Optional.of("pod \"" + podName + "\" already has " + held + ", " + limit + " under "
        + String.join(", ", verdict.maxEphemeralContainersPerPodSetBy()) + "; delete or restart the pod to clear them");
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
