package io.debugsession.operator.policy;

import io.debugsession.operator.lifecycle.PolicyVerdict;
import java.util.List;
import java.util.Optional;

/**
 * Whether someone may approve a session: never its requester, and only someone whom every governing policy that
 * requires approval authorises (a listed user, or a member of a listed group). Names and groups are the API server's
 * authenticated ones (request.userInfo), not what anyone typed.
 */
public final class ApprovalCheck {

  private ApprovalCheck() {}

  /**
   * Why the API server cannot have verified who gave a decision in spec.approval; empty when it did. It did only when
   * the identity admission policy is in force ({@code identity}) and the decision was added by an update: at
   * {@code generation} 1 the spec is as it was created, and a session is never created with an approver's decision
   * (the policy refuses that too, but only where it is installed). The answer is about now: a policy removed after
   * the update and put back before the operator looked goes unnoticed.
   */
  public static Optional<String> unverified(IdentityAdmission identity, Long generation) {
    if (!identity.enforced()) {
      return Optional.of("the API server did not verify who gave it: " + identity.problem());
    }
    if (generation == null || generation <= 1) {
      return Optional.of("it was in the session when the session was created; only a decision an approver adds "
          + "afterwards counts");
    }
    return Optional.empty();
  }

  /**
   * Why {@code approver}, member of {@code verifiedGroups}, may not approve the session {@code requester} asked for;
   * empty when they may, or when the verdict requires no approval.
   */
  public static Optional<String> authorise(
      PolicyVerdict verdict, String approver, List<String> verifiedGroups, String requester) {
    if (!verdict.approval().required()) {
      return Optional.empty();
    }
    if (requester == null || requester.isBlank()) {
      return Optional.of("the session has no verified requester, so no one can approve it");
    }
    if (approver == null || approver.isBlank()) {
      return Optional.of("the approver is not known");
    }
    if (approver.equals(requester)) {
      return Optional.of("the requester cannot approve their own session");
    }
    List<String> refusals = verdict.approval().approverSets().stream()
        .filter(set -> !set.authorises(approver, verifiedGroups))
        .map(set -> "\"" + approver + "\" is not an approver under " + PolicyTerms.label(set.policyName())
            + " (approvers: " + set.describe() + ")")
        .toList();
    return refusals.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refusals));
  }
}
