package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.ApprovalRequirement;
import io.debugsession.operator.lifecycle.EndReason;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every policy governing a namespace combined, the strictest value of each field winning: an image must be allowed
 * by each policy that lists images; a digest is required if any policy requires one; the profiles are those every
 * policy allows; TTL maximum, approval timeout and maxEphemeralContainersPerPod are the smallest; the default TTL is
 * the smallest default, capped at the maximum; approval is required if any policy requires it, by an approver whom
 * every such policy authorises; StopAndEvict wins over Stop. With no policy, the {@link BuiltInPolicy} applies.
 */
public final class EffectivePolicy {

  private final List<PolicyTerms> terms;

  private EffectivePolicy(List<PolicyTerms> terms) {
    this.terms = terms.isEmpty() ? List.of(BuiltInPolicy.TERMS) : List.copyOf(terms);
  }

  /** The combination of {@code governing}, the policies that govern one namespace (see {@link PolicyMatcher}). */
  public static EffectivePolicy of(List<DebugPolicy> governing) {
    return new EffectivePolicy(governing.stream().map(PolicyTerms::of).toList());
  }

  /**
   * The verdict under these policies' terms, denied for {@code reasons} (none: allowed), with {@code ttl}; no decision
   * in spec.approval counts yet, and the requester is not verified (see PolicyEvaluator).
   */
  PolicyVerdict verdict(List<String> reasons, Duration ttl) {
    return new PolicyVerdict(reasons.isEmpty() ? null : EndReason.PolicyDenied, reasons, ttl, approval(), null,
        maxEphemeralContainersPerPod(), maxEphemeralContainersPerPodSetBy(), onExpiry(), onStopFailure(),
        governedBy(), false);
  }

  /** Names of the policies combined here, or {@link BuiltInPolicy#NAME} alone, for status and audit. */
  public List<String> governedBy() {
    return terms.stream().map(PolicyTerms::name).toList();
  }

  /** Fields the CRD should have refused; each one denies the session. */
  List<String> problems() {
    return terms.stream().flatMap(t -> t.problems().stream()).toList();
  }

  /** The policies that list allowed images, each of which must allow the session's image. */
  List<PolicyTerms> imageRestrictions() {
    return terms.stream().filter(t -> t.allowedImages() != null).toList();
  }

  List<String> digestRequiredBy() {
    return terms.stream().filter(PolicyTerms::requireDigest).map(PolicyTerms::label).toList();
  }

  public Set<Profile> profiles() {
    Set<Profile> allowed = EnumSet.allOf(Profile.class);
    terms.forEach(t -> allowed.retainAll(t.profiles()));
    return allowed;
  }

  /** The policies that do not allow {@code profile}. */
  List<String> excluding(Profile profile) {
    return terms.stream().filter(t -> !t.profiles().contains(profile)).map(PolicyTerms::label).toList();
  }

  public Duration maxTtl() {
    return smallest(PolicyTerms::maxTtl);
  }

  /** The policies whose maximum TTL is the effective one. */
  List<String> maxTtlSetBy() {
    return setBy(PolicyTerms::maxTtl);
  }

  public Duration defaultTtl() {
    Duration defaultTtl = smallest(PolicyTerms::defaultTtl);
    return defaultTtl.compareTo(maxTtl()) > 0 ? maxTtl() : defaultTtl;
  }

  public ApprovalRequirement approval() {
    List<PolicyTerms> requiring = terms.stream().filter(PolicyTerms::approvalRequired).toList();
    if (requiring.isEmpty()) {
      return ApprovalRequirement.NONE;
    }
    Duration timeout = requiring.stream().map(PolicyTerms::approvalTimeout).min(Comparator.naturalOrder()).get();
    return new ApprovalRequirement(requiring.stream().map(PolicyTerms::approvers).toList(), timeout);
  }

  public int maxEphemeralContainersPerPod() {
    return smallest(PolicyTerms::maxEphemeralContainersPerPod);
  }

  /** The policies whose maxEphemeralContainersPerPod is the effective one. */
  List<String> maxEphemeralContainersPerPodSetBy() {
    return setBy(PolicyTerms::maxEphemeralContainersPerPod);
  }

  public OnExpiry onExpiry() {
    return terms.stream().anyMatch(t -> t.onExpiry() == OnExpiry.STOP_AND_EVICT) ? OnExpiry.STOP_AND_EVICT
        : OnExpiry.STOP;
  }

  /** Evict when any governing policy says so: the strictest wins. */
  public OnStopFailure onStopFailure() {
    return terms.stream().anyMatch(t -> t.onStopFailure() == OnStopFailure.EVICT) ? OnStopFailure.EVICT
        : OnStopFailure.REPORT;
  }

  private <T extends Comparable<T>> T smallest(Function<PolicyTerms, T> field) {
    return terms.stream().map(field).min(Comparator.naturalOrder()).orElseThrow();
  }

  private <T extends Comparable<T>> List<String> setBy(Function<PolicyTerms, T> field) {
    T smallest = smallest(field);
    return terms.stream().filter(t -> field.apply(t).compareTo(smallest) == 0).map(PolicyTerms::label).toList();
  }
}
