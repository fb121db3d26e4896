package io.debugsession.operator.policy;

import io.debugsession.operator.lifecycle.ApprovalRequirement;
import io.debugsession.operator.lifecycle.ApproverSet;
import static io.debugsession.operator.policy.PolicyFixtures.list;
import static io.debugsession.operator.policy.PolicyFixtures.policies;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.Profile;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strictest wins, field by field, for one, two and three policies named a, b and c; an empty cell is no policy. */
class EffectivePolicyTest {

  @Test
  void withoutPoliciesTheBuiltInDefaultApplies() {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(List.of());

    // Assert
    assertThat(policy.governedBy()).containsExactly("built-in default");
    assertThat(policy.imageRestrictions()).isEmpty();
    assertThat(policy.digestRequiredBy()).isEmpty();
    assertThat(policy.profiles()).containsExactly(Profile.BASELINE, Profile.RESTRICTED);
    assertThat(policy.defaultTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.maxTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(policy.approval()).isEqualTo(ApprovalRequirement.NONE);
    assertThat(policy.maxEphemeralContainersPerPod()).isEqualTo(10);
    assertThat(policy.onExpiry()).isEqualTo(OnExpiry.STOP);
    assertThat(policy.problems()).isEmpty();
  }

  @Test
  void aPolicyThatOmitsEveryFieldTakesTheBuiltInDefaultsButAllowsAnyImage() {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies("{}"));

    // Assert
    assertThat(policy.governedBy()).containsExactly("a");
    assertThat(policy.imageRestrictions()).isEmpty();
    assertThat(policy.digestRequiredBy()).isEmpty();
    assertThat(policy.profiles()).containsExactly(Profile.BASELINE, Profile.RESTRICTED);
    assertThat(policy.defaultTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(policy.maxTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(policy.approval()).isEqualTo(ApprovalRequirement.NONE);
    assertThat(policy.maxEphemeralContainersPerPod()).isEqualTo(10);
    assertThat(policy.onExpiry()).isEqualTo(OnExpiry.STOP);
  }

  @Test
  void aPolicyThatSetsEveryFieldGetsItsOwnValues() {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies("""
        images: {allowed: [busybox], requireDigest: true}
        profiles: [sysadmin]
        ttl: {default: 1h, max: 4h}
        approval: {required: true, approvers: {users: [alice], groups: [sre-leads]}, timeout: 2h}
        maxEphemeralContainersPerPod: 50
        onExpiry: StopAndEvict
        """));

    // Assert
    assertThat(policy.imageRestrictions()).singleElement()
        .satisfies(t -> assertThat(t.allowedImages()).containsExactly(ImagePattern.parse("busybox")));
    assertThat(policy.digestRequiredBy()).isNotEmpty();
    assertThat(policy.profiles()).containsExactly(Profile.SYSADMIN);
    assertThat(policy.defaultTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(policy.maxTtl()).isEqualTo(Duration.ofHours(4));
    assertThat(policy.approval()).isEqualTo(new ApprovalRequirement(
        List.of(new ApproverSet("a", List.of("alice"), List.of("sre-leads"))), Duration.ofHours(2)));
    assertThat(policy.maxEphemeralContainersPerPod()).isEqualTo(50);
    assertThat(policy.onExpiry()).isEqualTo(OnExpiry.STOP_AND_EVICT);
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {images: {allowed: [busybox]}}         |                                  |                        | a
      {images: {allowed: [busybox]}}         | {}                               |                        | a
      {images: {allowed: [busybox]}}         | {images: {allowed: [alpine]}}    |                        | a;b
      {images: {requireDigest: true}}        | {images: {allowed: [alpine]}}    | {images: {allowed: ['ghcr.io/**']}} | b;c
      """)
  void everyPolicyThatListsImagesKeepsItsOwnList(String a, String b, String c, String restricting) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.imageRestrictions()).extracting(PolicyTerms::name).containsExactlyElementsOf(list(restricting));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {}                                     | {}                               |                        |
      {images: {requireDigest: false}}       | {images: {requireDigest: true}}  |                        | DebugPolicy "b"
      {images: {requireDigest: true}}        | {}                               | {images: {requireDigest: true}} | DebugPolicy "a";DebugPolicy "c"
      """)
  void digestIsRequiredIfAnyPolicyRequiresIt(String a, String b, String c, String by) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.digestRequiredBy()).containsExactlyElementsOf(list(by));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {profiles: [general, sysadmin]}        |                                  |                        | general;sysadmin
      {profiles: [general, baseline]}        | {}                               |                        | baseline
      {profiles: [general, baseline, restricted]} | {profiles: [restricted, general]} |                  | general;restricted
      {profiles: [general, baseline, restricted]} | {profiles: [restricted, general]} | {profiles: [general, netadmin]} | general
      {profiles: [sysadmin]}                 | {profiles: [netadmin]}           |                        |
      """)
  void profilesAreThoseEveryPolicyAllows(String a, String b, String c, String allowed) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(values(policy.profiles())).containsExactlyElementsOf(list(allowed));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: default {3}, max {4}")
  @CsvSource(delimiter = '|', textBlock = """
      {ttl: {default: 5m, max: 2h}}          |                                  |                        | PT5M   | PT2H
      {ttl: {max: 2h}}                       |                                  |                        | PT15M  | PT2H
      {ttl: {default: 2h}}                   |                                  |                        | PT30M  | PT30M
      {ttl: {default: 20m, max: 2h}}         | {}                               |                        | PT15M  | PT30M
      {ttl: {default: 20m, max: 2h}}         | {ttl: {default: 45m, max: 1h}}   |                        | PT20M  | PT1H
      {ttl: {default: 20m, max: 2h}}         | {ttl: {default: 45m, max: 1h}}   | {ttl: {default: 10m, max: 3h}} | PT10M | PT1H
      {ttl: {default: 1h, max: 2h}}          | {ttl: {default: 2h, max: 4h}}    | {ttl: {max: 45m}}      | PT15M  | PT45M
      """)
  void ttlMaxIsTheSmallestAndTheDefaultTheSmallestCappedAtIt(
      String a, String b, String c, Duration defaultTtl, Duration maxTtl) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.defaultTtl()).isEqualTo(defaultTtl);
    assertThat(policy.maxTtl()).isEqualTo(maxTtl);
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: set by {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {ttl: {max: 2h}}                       | {ttl: {max: 1h}}                 |                        | DebugPolicy "b"
      {ttl: {max: 1h}}                       | {ttl: {max: 60m}}                | {ttl: {max: 2h}}       | DebugPolicy "a";DebugPolicy "b"
      {ttl: {max: 2h}}                       | {}                               |                        | DebugPolicy "b"
      """)
  void ttlMaxNamesThePoliciesThatSetIt(String a, String b, String c, String setBy) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.maxTtlSetBy()).containsExactlyElementsOf(list(setBy));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: sets {3}, timeout {4}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      {approval: {required: false, approvers: {users: [alice]}, timeout: 5m}} | {}       | -     |       | -
      {approval: {required: true, approvers: {users: [alice]}}}          | {}             | -     | a     | PT30M
      {approval: {required: true, approvers: {users: [alice]}, timeout: 1h}} | {approval: {timeout: 5m}} | - | a | PT1H
      {approval: {required: true, approvers: {users: [alice]}, timeout: 1h}} | {approval: {required: true, approvers: {groups: [sre]}, timeout: 10m}} | - | a;b | PT10M
      {approval: {required: true, approvers: {users: [alice]}, timeout: 1h}} | {approval: {required: true, approvers: {groups: [sre]}, timeout: 10m}} | {approval: {required: true, approvers: {users: [carol]}, timeout: 5m}} | a;b;c | PT5M
      """)
  void approvalIsRequiredIfAnyPolicyRequiresItWithOneApproverSetEach(
      String a, String b, String c, String sets, Duration timeout) {
    // Act
    ApprovalRequirement approval = EffectivePolicy.of(policies(a, b, c)).approval();

    // Assert
    assertThat(approval.approverSets()).extracting(ApproverSet::policyName).containsExactlyElementsOf(list(sets));
    assertThat(approval.timeout()).isEqualTo(timeout);
  }

  @Test
  void eachRequiringPolicyKeepsItsOwnApprovers() {
    // Act
    ApprovalRequirement approval = EffectivePolicy.of(policies(
        "{approval: {required: true, approvers: {users: [alice, bob]}}}",
        "{approval: {required: true, approvers: {groups: [sre-leads]}}}")).approval();

    // Assert
    assertThat(approval.approverSets()).containsExactly(
        new ApproverSet("a", List.of("alice", "bob"), List.of()),
        new ApproverSet("b", List.of(), List.of("sre-leads")));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: {3} by {4}")
  @CsvSource(delimiter = '|', textBlock = """
      {maxEphemeralContainersPerPod: 50}     |                                  |                        | 50 | DebugPolicy "a"
      {maxEphemeralContainersPerPod: 50}     | {}                               |                        | 10 | DebugPolicy "b"
      {maxEphemeralContainersPerPod: 5}      | {maxEphemeralContainersPerPod: 3} |                       | 3  | DebugPolicy "b"
      {maxEphemeralContainersPerPod: 5}      | {maxEphemeralContainersPerPod: 8} | {maxEphemeralContainersPerPod: 5} | 5 | DebugPolicy "a";DebugPolicy "c"
      """)
  void maxEphemeralContainersPerPodIsTheSmallest(String a, String b, String c, int max, String setBy) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.maxEphemeralContainersPerPod()).isEqualTo(max);
    assertThat(policy.maxEphemeralContainersPerPodSetBy()).containsExactlyElementsOf(list(setBy));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {onExpiry: Stop}                       |                                  |                        | Stop
      {onExpiry: StopAndEvict}               |                                  |                        | StopAndEvict
      {onExpiry: Stop}                       | {}                               |                        | Stop
      {onExpiry: Stop}                       | {onExpiry: StopAndEvict}         |                        | StopAndEvict
      {}                                     | {onExpiry: Stop}                 | {onExpiry: StopAndEvict} | StopAndEvict
      """)
  void stopAndEvictWinsIfAnyPolicyAsksForIt(String a, String b, String c, String onExpiry) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.onExpiry().value()).isEqualTo(onExpiry);
  }

  @ParameterizedTest(name = "{0} / {1} / {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
                                             |                                  |                        | Report
      {onStopFailure: Report}                |                                  |                        | Report
      {onStopFailure: Evict}                 |                                  |                        | Evict
      {onStopFailure: Report}                | {}                               |                        | Report
      {onStopFailure: Report}                | {onStopFailure: Evict}           |                        | Evict
      {}                                     | {onStopFailure: Report}          | {onStopFailure: Evict} | Evict
      """)
  void evictOnStopFailureWinsIfAnyPolicyAsksForIt(String a, String b, String c, String onStopFailure) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a, b, c));

    // Assert
    assertThat(policy.onStopFailure().value()).isEqualTo(onStopFailure);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {ttl: {max: abc}}               | DebugPolicy "a" is invalid: ttl.max "abc" is not a duration like 90s, 15m or 1h30m
      {ttl: {default: '15'}}          | DebugPolicy "a" is invalid: ttl.default "15" is not a duration like 90s, 15m or 1h30m
      {approval: {timeout: soon}}     | DebugPolicy "a" is invalid: approval.timeout "soon" is not a duration like 90s, 15m or 1h30m
      {images: {allowed: [busybox, 'busybox:1.37']}} | DebugPolicy "a" is invalid: images.allowed "busybox:1.37" is not an image pattern (it names a tag; patterns match registry/repository only)
      """)
  void reportsWhatTheCrdShouldHaveRefused(String a, String problem) {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies(a));

    // Assert
    assertThat(policy.problems()).containsExactly(problem);
  }

  @Test
  void anInvalidDurationFallsBackToTheBuiltInValue() {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies("{ttl: {default: soon, max: later}}"));

    // Assert
    assertThat(policy.defaultTtl()).isEqualTo(BuiltInPolicy.DEFAULT_TTL);
    assertThat(policy.maxTtl()).isEqualTo(BuiltInPolicy.MAX_TTL);
  }

  @Test
  void governedByNamesEveryPolicyInOrder() {
    // Act
    EffectivePolicy policy = EffectivePolicy.of(policies("{}", "{}", "{}"));

    // Assert
    assertThat(policy.governedBy()).containsExactly("a", "b", "c");
  }

  private static List<String> values(Set<Profile> profiles) {
    return profiles.stream().map(Profile::value).toList();
  }
}
