package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.ApprovalPolicy;
import io.debugsession.operator.api.v1alpha1.Approvers;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugPolicySpec;
import io.debugsession.operator.api.v1alpha1.ImagePolicy;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TtlPolicy;
import io.debugsession.operator.lifecycle.Ttl;
import io.debugsession.operator.lifecycle.ApproverSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One policy's terms with every omitted field taken from {@link BuiltInPolicy}. A value the CRD should have refused
 * (read from an older CRD, say) is replaced by the built-in one and reported as a problem, which denies every session
 * the policy governs rather than guessing what its author meant.
 *
 * @param label how messages name the policy: DebugPolicy "payments-prod"
 * @param allowedImages null when the policy allows any image
 */
record PolicyTerms(
    String name,
    String label,
    List<ImagePattern> allowedImages,
    boolean requireDigest,
    Set<Profile> profiles,
    Duration defaultTtl,
    Duration maxTtl,
    boolean approvalRequired,
    ApproverSet approvers,
    Duration approvalTimeout,
    int maxEphemeralContainersPerPod,
    OnExpiry onExpiry,
    OnStopFailure onStopFailure,
    List<String> problems) {

  PolicyTerms {
    allowedImages = allowedImages == null ? null : List.copyOf(allowedImages);
    profiles = Collections.unmodifiableSet(
        profiles.isEmpty() ? EnumSet.noneOf(Profile.class) : EnumSet.copyOf(profiles));
    problems = List.copyOf(problems);
  }

  static String label(String policyName) {
    return "DebugPolicy \"" + policyName + "\"";
  }

  static PolicyTerms of(DebugPolicy policy) {
    String name = policy.getMetadata().getName();
    DebugPolicySpec spec = policy.getSpec() == null ? new DebugPolicySpec() : policy.getSpec();
    ImagePolicy images = orEmpty(spec.getImages(), ImagePolicy::new);
    TtlPolicy ttl = orEmpty(spec.getTtl(), TtlPolicy::new);
    ApprovalPolicy approval = orEmpty(spec.getApproval(), ApprovalPolicy::new);
    Approvers approvers = orEmpty(approval.getApprovers(), Approvers::new);
    List<String> problems = new ArrayList<>();
    Function<String, String> invalid = what -> label(name) + " is invalid: " + what;

    List<ImagePattern> allowedImages =
        images.getAllowed() == null ? null : patterns(images.getAllowed(), invalid, problems);
    Duration defaultTtl = duration("ttl.default", ttl.getDefault(), BuiltInPolicy.DEFAULT_TTL, invalid, problems);
    Duration maxTtl = duration("ttl.max", ttl.getMax(), BuiltInPolicy.MAX_TTL, invalid, problems);
    Duration approvalTimeout =
        duration("approval.timeout", approval.getTimeout(), BuiltInPolicy.APPROVAL_TIMEOUT, invalid, problems);
    return new PolicyTerms(
        name,
        label(name),
        allowedImages,
        or(images.getRequireDigest(), BuiltInPolicy.REQUIRE_DIGEST),
        spec.getProfiles() == null ? BuiltInPolicy.PROFILES : profiles(spec.getProfiles()),
        defaultTtl,
        maxTtl,
        or(approval.getRequired(), BuiltInPolicy.APPROVAL_REQUIRED),
        new ApproverSet(name, approvers.getUsers(), approvers.getGroups()),
        approvalTimeout,
        or(spec.getMaxEphemeralContainersPerPod(), BuiltInPolicy.MAX_EPHEMERAL_CONTAINERS_PER_POD),
        or(spec.getOnExpiry(), BuiltInPolicy.ON_EXPIRY),
        or(spec.getOnStopFailure(), BuiltInPolicy.ON_STOP_FAILURE),
        problems);
  }

  private static List<ImagePattern> patterns(
      List<String> allowed, Function<String, String> invalid, List<String> problems) {
    List<ImagePattern> patterns = new ArrayList<>();
    for (String pattern : allowed) {
      try {
        patterns.add(ImagePattern.parse(pattern));
      } catch (IllegalArgumentException e) {
        problems.add(invalid.apply("images.allowed " + e.getMessage()));
      }
    }
    return List.copyOf(patterns);
  }

  private static Set<Profile> profiles(List<Profile> profiles) {
    Set<Profile> set = EnumSet.noneOf(Profile.class);
    profiles.stream().filter(p -> p != null).forEach(set::add);
    return set;
  }

  private static Duration duration(
      String field, String value, Duration builtIn, Function<String, String> invalid, List<String> problems) {
    if (value == null) {
      return builtIn;
    }
    try {
      return Ttl.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(invalid.apply(field + " \"" + value + "\" is not a duration like 90s, 15m or 1h30m"));
      return builtIn;
    }
  }

  private static <T> T orEmpty(T value, Supplier<T> empty) {
    return value == null ? empty.get() : value;
  }

  private static <T> T or(T value, T builtIn) {
    return value == null ? builtIn : value;
  }
}
