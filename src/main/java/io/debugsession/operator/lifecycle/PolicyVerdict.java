package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What policy and identity say about one DebugSession: produced by the policy evaluator from the governing
 * DebugPolicies, the namespace and what the API server verifies, and worked out before planning so that the planner
 * stays pure. Whether it may go ahead, with which TTL, whether it needs an approval and whether the one given counts,
 * how many ephemeral containers its pod may hold, what happens at expiry and when a stop fails.
 *
 * @param denial null when allowed; else why not ({@link EndReason#PolicyDenied}, {@link EndReason#RequesterUnverified})
 * @param reasons every reason for the denial, each a sentence naming the policy; empty when allowed
 * @param ttl the session's TTL, or the effective default when it names none; null when its TTL is not a duration
 * @param approvalRefusal why the decision in spec.approval does not count (not verified by the API server, given at
 *     creation, self-approval, not an approver), or null
 * @param maxEphemeralContainersPerPodSetBy the policies that set that maximum, as messages name them
 * @param governedBy names of the governing DebugPolicies (or the built-in default's), for status and audit
 * @param requesterVerified whether the API server verifies the requester (the identity admission policy is in force)
 */
public record PolicyVerdict(
    EndReason denial,
    List<String> reasons,
    Duration ttl,
    ApprovalRequirement approval,
    String approvalRefusal,
    int maxEphemeralContainersPerPod,
    List<String> maxEphemeralContainersPerPodSetBy,
    OnExpiry onExpiry,
    OnStopFailure onStopFailure,
    List<String> governedBy,
    boolean requesterVerified) {

  public PolicyVerdict {
    reasons = List.copyOf(reasons);
    maxEphemeralContainersPerPodSetBy = List.copyOf(maxEphemeralContainersPerPodSetBy);
    governedBy = List.copyOf(governedBy);
  }

  /** No policy, no identity requirement: the lifecycle alone (the operator's plan for a session already started). */
  public static PolicyVerdict unrestricted(Duration ttl) {
    return new PolicyVerdict(null, List.of(), ttl, ApprovalRequirement.NONE, null, Integer.MAX_VALUE, List.of(),
        OnExpiry.STOP, OnStopFailure.REPORT, List.of(), false);
  }

  /** This verdict, denied for {@code reason} alone. */
  public PolicyVerdict withDenial(EndReason reason, String message) {
    return new PolicyVerdict(reason, List.of(message), ttl, approval, approvalRefusal, maxEphemeralContainersPerPod,
        maxEphemeralContainersPerPodSetBy, onExpiry, onStopFailure, governedBy, requesterVerified);
  }

  /** This verdict, with what was found of the decision in spec.approval and of the requester's verification. */
  public PolicyVerdict withIdentity(String approvalRefusal, boolean requesterVerified) {
    return new PolicyVerdict(denial, reasons, ttl, approval, approvalRefusal, maxEphemeralContainersPerPod,
        maxEphemeralContainersPerPodSetBy, onExpiry, onStopFailure, governedBy, requesterVerified);
  }

  public boolean allowed() {
    return denial == null;
  }

  /** Every reason for the denial, for a person. */
  public String denialMessage() {
    return String.join("; ", reasons);
  }

  /** Who may approve, one entry per governing policy that requires approval (empty when none does). */
  public List<PolicyApprovers> approvers() {
    return approval.approverSets().stream()
        .map(set -> new PolicyApprovers(set.policyName(), set.users(), set.groups())).toList();
  }

  /** Whether spec.approval is an approval that counts under this verdict (required, Approved, not refused). */
  public boolean approvalCounts(DebugSessionSpec spec) {
    return approval.required() && approvalRefusal == null && spec.getApproval() != null
        && spec.getApproval().getDecision() == ApprovalDecision.Approved;
  }

  public boolean evictOnExpiry() {
    return onExpiry == OnExpiry.STOP_AND_EVICT;
  }

  public boolean evictOnStopFailure() {
    return onStopFailure == OnStopFailure.EVICT;
  }

  /** Why a session may not add a debug container to {@code pod} as read; empty while there is room for one more. */
  public Optional<String> podCapDenial(Pod pod) {
    var ephemeral = pod.getSpec().getEphemeralContainers();
    return podCapDenial(pod.getMetadata().getName(), ephemeral == null ? 0 : ephemeral.size());
  }

  /**
   * Why a session may not add a debug container to pod {@code podName}, which already holds
   * {@code ephemeralContainersInPod} ephemeral containers; empty while there is room for one more.
   */
  public Optional<String> podCapDenial(String podName, int ephemeralContainersInPod) {
    int max = maxEphemeralContainersPerPod;
    if (ephemeralContainersInPod < max) {
      return Optional.empty();
    }
    String held = ephemeralContainersInPod + " ephemeral container" + (ephemeralContainersInPod == 1 ? "" : "s");
    String limit = ephemeralContainersInPod == max ? "the maximum" : "more than the maximum " + max;
    return Optional.of("pod \"" + podName + "\" already has " + held + ", " + limit + " under "
        + String.join(", ", maxEphemeralContainersPerPodSetBy) + "; delete or restart the pod to clear them");
  }
}
