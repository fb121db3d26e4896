package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What policy and identity decided about a session, worked out before planning so the planner stays pure: whether it
 * may go ahead, with which TTL, whether it needs an approval and whether the one given counts, how many ephemeral
 * containers its pod may hold, what happens at expiry and when a stop fails.
 *
 * @param denialReason null when allowed; else a reason code (PolicyDenied, RequesterUnverified)
 * @param denialMessage every reason for the denial, for a person
 * @param approvalRefusal why the decision in spec.approval does not count (not verified by the API server, given at
 *     creation, self-approval, not an approver), or null
 * @param approvers who may approve, one entry per governing policy that requires approval (empty when none does)
 * @param policies the names of the governing policies, for status and audit
 */
public record SessionGate(
    EndReason denialReason,
    String denialMessage,
    Duration ttl,
    boolean approvalRequired,
    Duration approvalTimeout,
    String approvalRefusal,
    List<PolicyApprovers> approvers,
    PodCap podCap,
    boolean evictOnExpiry,
    boolean evictOnStopFailure,
    List<String> policies,
    boolean requesterVerified) {

  public SessionGate {
    approvers = approvers == null ? List.of() : List.copyOf(approvers);
  }

  /** No policy, no identity requirement: what the lifecycle did before policies existed (used by its unit tests). */
  public static SessionGate unrestricted(Duration ttl) {
    return new SessionGate(null, null, ttl, false, Duration.ZERO, null, List.of(), (pod, count) -> Optional.empty(),
        false, false, List.of(), false);
  }

  /** This gate, denied for {@code reason}. */
  public SessionGate withDenial(EndReason reason, String message) {
    return new SessionGate(reason, message, ttl, approvalRequired, approvalTimeout, approvalRefusal, approvers,
        podCap, evictOnExpiry, evictOnStopFailure, policies, requesterVerified);
  }

  public boolean allowed() {
    return denialReason == null;
  }

  /** Whether spec.approval is an approval that counts under this gate (required, Approved, not refused). */
  public boolean approvalCounts(DebugSessionSpec spec) {
    return approvalRequired && approvalRefusal == null && spec.getApproval() != null
        && spec.getApproval().getDecision() == ApprovalDecision.Approved;
  }

  /** Why a pod holding {@code count} ephemeral containers may not take another one; empty while it may. */
  @FunctionalInterface
  public interface PodCap {
    Optional<String> denial(String pod, int count);
  }
}
