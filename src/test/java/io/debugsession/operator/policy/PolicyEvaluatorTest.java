package io.debugsession.operator.policy;

import io.debugsession.operator.lifecycle.ApprovalRequirement;
import io.debugsession.operator.lifecycle.ApproverSet;
import io.debugsession.operator.lifecycle.PolicyVerdict;
import static io.debugsession.operator.policy.PolicyFixtures.SHA256;
import static io.debugsession.operator.policy.PolicyFixtures.policy;
import static io.debugsession.operator.policy.PolicyFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.lifecycle.Ttl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verdicts for sessions in namespace "payments", with the exact reasons users read in status. */
class PolicyEvaluatorTest {

  private static final String NAMESPACE = "payments";
  private static final Map<String, String> LABELS = Map.of("team", "payments");

  private static final DebugPolicy PAYMENTS_PROD = policy("payments-prod", """
      namespaces: [payments]
      images:
        allowed: [docker.io/library/busybox, registry.example.com/debug/*]
      profiles: [baseline, restricted]
      ttl: {default: 10m, max: 1h}
      approval:
        required: true
        approvers: {users: [alice], groups: [sre-leads]}
        timeout: 20m
      maxEphemeralContainersPerPod: 5
      onExpiry: StopAndEvict
      """);

  @Test
  void allowsWhatThePolicyAllowsAndCarriesItsTerms() {
    // Act
    PolicyVerdict verdict = evaluate("busybox:1.37", Profile.RESTRICTED, "30m", PAYMENTS_PROD);

    // Assert
    assertThat(verdict).isEqualTo(new PolicyVerdict(null, List.of(), Duration.ofMinutes(30),
        new ApprovalRequirement(List.of(new ApproverSet("payments-prod", List.of("alice"), List.of("sre-leads"))),
            Duration.ofMinutes(20)),
        null, 5, List.of("DebugPolicy \"payments-prod\""), OnExpiry.STOP_AND_EVICT,
        OnStopFailure.REPORT, List.of("payments-prod"), false));
  }

  @Test
  void withoutAGoverningPolicyTheBuiltInDefaultDecides() {
    // Arrange
    DebugPolicy elsewhere = policy("checkout", "{namespaces: [checkout], profiles: [sysadmin]}");

    // Act
    PolicyVerdict verdict = evaluate("alpine:3.20", Profile.BASELINE, null, elsewhere);

    // Assert
    assertThat(verdict).isEqualTo(new PolicyVerdict(null, List.of(), Duration.ofMinutes(15),
        ApprovalRequirement.NONE, null, 10, List.of("the built-in default policy"), OnExpiry.STOP,
        OnStopFailure.REPORT, List.of("built-in default"), false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox:1.37                              | true
      docker.io/library/busybox@SHA             | true
      registry.example.com/debug/shell:2        | true
      alpine:3.20                               | false
      registry.example.com/debug/team/shell:2   | false
      """)
  void allowsOnlyListedImages(String image, boolean allowed) {
    // Act
    PolicyVerdict verdict = evaluate(image.replace("SHA", SHA256), Profile.BASELINE, null, PAYMENTS_PROD);

    // Assert
    assertThat(verdict.allowed()).isEqualTo(allowed);
  }

  @Test
  void namesTheImageThePolicyAndItsList() {
    // Act
    PolicyVerdict verdict = evaluate("alpine:3.20", Profile.BASELINE, null, PAYMENTS_PROD);

    // Assert
    assertThat(verdict.reasons()).containsExactly("image \"docker.io/library/alpine\" is not allowed by DebugPolicy "
        + "\"payments-prod\" (allowed: docker.io/library/busybox, registry.example.com/debug/*)");
  }

  @Test
  void everyPolicyThatListsImagesMustAllowTheImage() {
    // Arrange
    DebugPolicy team = policy("payments-team", "{namespaces: [payments], images: {allowed: ['registry.example.com/**']}}");
    DebugPolicy anyImage = policy("cluster-wide", "{images: {requireDigest: false}}");

    // Act
    PolicyVerdict busybox = evaluate("busybox:1.37", Profile.BASELINE, null, PAYMENTS_PROD, team, anyImage);
    PolicyVerdict alpine = evaluate("alpine", Profile.BASELINE, null, PAYMENTS_PROD, team, anyImage);
    PolicyVerdict debugShell = evaluate("registry.example.com/debug/sh", Profile.BASELINE, null, PAYMENTS_PROD, team,
        anyImage);

    // Assert
    assertThat(busybox.reasons()).containsExactly("image \"docker.io/library/busybox\" is not allowed by DebugPolicy "
        + "\"payments-team\" (allowed: registry.example.com/**)");
    assertThat(alpine.reasons()).containsExactly(
        "image \"docker.io/library/alpine\" is not allowed by DebugPolicy \"payments-prod\" "
            + "(allowed: docker.io/library/busybox, registry.example.com/debug/*)",
        "image \"docker.io/library/alpine\" is not allowed by DebugPolicy \"payments-team\" "
            + "(allowed: registry.example.com/**)");
    assertThat(debugShell.allowed()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox:1.37      | image "busybox:1.37" must be pinned by digest (required by DebugPolicy "a", DebugPolicy "c")
      busybox           | image "busybox" must be pinned by digest (required by DebugPolicy "a", DebugPolicy "c")
      busybox:1.37@SHA  |
      """)
  void requiresADigestIfAnyPolicyDoes(String image, String reason) {
    // Arrange
    List<DebugPolicy> policies = PolicyFixtures.policies(
        "{images: {requireDigest: true}}", "{images: {requireDigest: false}}", "{images: {requireDigest: true}}");

    // Act
    PolicyVerdict verdict = PolicyEvaluator.evaluate(
        session(image.replace("SHA", SHA256), Profile.BASELINE, null), NAMESPACE, LABELS, policies);

    // Assert
    assertThat(verdict.reasons()).containsExactlyElementsOf(reason == null ? List.of() : List.of(reason));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Busybox:1.37       | the repository name must be lowercase
      busybox@sha256:abc | digest "sha256:abc" is not sha256, sha384 or sha512 with its lowercase hex value
      """)
  void reportsAnInvalidImageInsteadOfThrowing(String image, String why) {
    // Act
    PolicyVerdict verdict = evaluate(image, Profile.BASELINE, null, PAYMENTS_PROD);

    // Assert
    assertThat(verdict.reasons()).containsExactly("image \"" + image + "\" is not a valid image reference (" + why
        + ")");
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource(delimiter = '|', textBlock = """
      sysadmin   | {profiles: [baseline, restricted]}  |                              | profile "sysadmin" is not allowed (allowed: baseline, restricted; by DebugPolicy "a")
      general    | {}                                  |                              | profile "general" is not allowed (allowed: baseline, restricted; by DebugPolicy "a")
      netadmin   | {profiles: [general, netadmin]}     | {profiles: [general]}        | profile "netadmin" is not allowed (allowed: general; by DebugPolicy "b")
      sysadmin   | {profiles: [general, sysadmin]}     | {profiles: [general]}        | profile "sysadmin" is not allowed (allowed: general; by DebugPolicy "b")
      baseline   | {profiles: [general, netadmin]}     | {profiles: [general]}        | profile "baseline" is not allowed (allowed: general; by DebugPolicy "a", DebugPolicy "b")
      sysadmin   | {profiles: [sysadmin]}              | {profiles: [netadmin]}       | profile "sysadmin" is not allowed (allowed: none; by DebugPolicy "b")
      """)
  void deniesAProfileSomePolicyDoesNotAllow(String profile, String a, String b, String reason) {
    // Act
    PolicyVerdict verdict = PolicyEvaluator.evaluate(
        session("busybox", Profile.valueOf(profile.toUpperCase()), null), NAMESPACE, LABELS,
        PolicyFixtures.policies(a, b));

    // Assert
    assertThat(verdict.reasons()).containsExactly(reason);
  }

  @Test
  void deniesAProfileTheBuiltInDefaultDoesNotAllow() {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.GENERAL, null);

    // Assert
    assertThat(verdict.reasons())
        .containsExactly("profile \"general\" is not allowed (allowed: baseline, restricted; by the built-in default "
            + "policy)");
  }

  @Test
  void aSessionWithoutProfileIsBaseline() {
    // Act
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session("busybox", null, null), NAMESPACE, LABELS,
        PolicyFixtures.policies("{profiles: [restricted]}"));

    // Assert
    assertThat(verdict.reasons()).containsExactly(
        "profile \"baseline\" is not allowed (allowed: restricted; by DebugPolicy \"a\")");
  }

  @ParameterizedTest(name = "ttl {0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      1m     | PT1M
      10m    | PT10M
      60m    | PT1H
      1h     | PT1H
      """)
  void grantsATtlUpToTheMaximum(String ttl, Duration granted) {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.BASELINE, ttl, PAYMENTS_PROD);

    // Assert
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.ttl()).isEqualTo(granted);
  }

  @Test
  void aSessionWithoutTtlGetsTheEffectiveDefault() {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.BASELINE, null, PAYMENTS_PROD);

    // Assert
    assertThat(verdict.ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  @ParameterizedTest(name = "ttl {0}")
  @CsvSource(delimiter = '|', textBlock = """
      2h      | ttl 2h exceeds the maximum 1h (DebugPolicy "payments-prod")
      1h0m1s  | ttl 1h0m1s exceeds the maximum 1h (DebugPolicy "payments-prod")
      61m     | ttl 61m exceeds the maximum 1h (DebugPolicy "payments-prod")
      """)
  void deniesATtlAboveTheMaximumInsteadOfShorteningIt(String ttl, String reason) {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.BASELINE, ttl, PAYMENTS_PROD);

    // Assert
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons()).containsExactly(reason);
    assertThat(verdict.ttl()).isEqualTo(Ttl.parse(ttl));
  }

  @ParameterizedTest(name = "{0} / {1} / {2}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      {ttl: {max: 2h}} | {ttl: {max: 90m}}  | -                | ttl 3h exceeds the maximum 1h30m (DebugPolicy "b")
      {ttl: {max: 2h}} | {ttl: {max: 120m}} | {ttl: {max: 4h}} | ttl 3h exceeds the maximum 2h (DebugPolicy "a", DebugPolicy "b")
      {ttl: {max: 4h}} | {}                 | -                | ttl 3h exceeds the maximum 30m (DebugPolicy "b")
      -                | -                  | -                | ttl 3h exceeds the maximum 30m (the built-in default policy)
      """)
  void namesThePoliciesThatSetTheMaximum(String a, String b, String c, String reason) {
    // Act
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session("busybox", Profile.BASELINE, "3h"), NAMESPACE, LABELS,
        PolicyFixtures.policies(a, b, c));

    // Assert
    assertThat(verdict.reasons()).containsExactly(reason);
  }

  @Test
  void reportsATtlThatIsNotADuration() {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.BASELINE, "soon", PAYMENTS_PROD);

    // Assert
    assertThat(verdict.reasons()).containsExactly("ttl \"soon\" is not a duration like 90s, 15m or 1h30m");
    assertThat(verdict.ttl()).isNull();
  }

  @Test
  void givesEveryReasonAtOnce() {
    // Act
    PolicyVerdict verdict = evaluate("alpine", Profile.SYSADMIN, "2h", PAYMENTS_PROD,
        policy("digests", "{images: {requireDigest: true}}"));

    // Assert
    assertThat(verdict.reasons()).containsExactly(
        "image \"docker.io/library/alpine\" is not allowed by DebugPolicy \"payments-prod\" "
            + "(allowed: docker.io/library/busybox, registry.example.com/debug/*)",
        "image \"alpine\" must be pinned by digest (required by DebugPolicy \"digests\")",
        "profile \"sysadmin\" is not allowed (allowed: baseline, restricted; by DebugPolicy \"digests\", "
            + "DebugPolicy \"payments-prod\")",
        "ttl 2h exceeds the maximum 30m (DebugPolicy \"digests\")");
  }

  @Test
  void aPolicyTheCrdShouldHaveRefusedDeniesEverySessionItGoverns() {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.BASELINE, null, policy("broken", "{ttl: {max: forever}}"));

    // Assert
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.reasons())
        .containsExactly("DebugPolicy \"broken\" is invalid: ttl.max \"forever\" is not a duration like 90s, 15m or 1h30m");
  }

  @Test
  void recordsEveryGoverningPolicy() {
    // Act
    PolicyVerdict verdict = evaluate("busybox", Profile.BASELINE, null, PAYMENTS_PROD,
        policy("by-team", "{namespaceSelector: {matchLabels: {team: payments}}}"),
        policy("checkout", "{namespaces: [checkout]}"));

    // Assert
    assertThat(verdict.governedBy()).containsExactly("by-team", "payments-prod");
    assertThat(verdict.allowed()).isTrue();
  }

  private static PolicyVerdict evaluate(String image, Profile profile, String ttl, DebugPolicy... policies) {
    return PolicyEvaluator.evaluate(session(image, profile, ttl), NAMESPACE, LABELS, List.of(policies));
  }

}
