package io.debugsession.operator.admission;

import static io.debugsession.operator.admission.SessionRequests.approve;
import static io.debugsession.operator.admission.SessionRequests.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * debugsession-approvers on the real API server: only an approver named by a DebugPolicy that governs the namespace
 * may approve. Each test approves alice's session (a dry run) as carol, whom no policy here names, unless it says
 * otherwise; carol and dave are given the approver's role, so that what stops them is admission, not RBAC.
 *
 * <p>Admission reads DebugPolicies from an informer, a moment after they are written. So that an admitted approval
 * cannot be one the server admitted before it knew the policies, {@link #givenPolicies} waits until admission has seen
 * them: it sees writes in order, so once it has seen a marker policy written last (and its deletion) it has seen the
 * test's. Labelled namespaces are namespaces of their own, whose labels never change, for the same reason.
 */
class ApproversPolicyIT extends AdmissionTestBase {

  private static final String POLICY = "debugsession-approvers";
  private static final String NAMESPACE = "admission-approvers";
  private static final String PRODUCTION = "admission-approvers-production";
  private static final String STAGING = "admission-approvers-staging";
  /** Where only the marker policies of {@link #givenPolicies} govern. */
  private static final String MARKERS = "admission-approvers-markers";
  private static final AtomicInteger MARKER_NUMBER = new AtomicInteger();

  private static final String TEAM_POLICY = """
      namespaces: [admission-approvers]
      approval:
        required: true
        approvers:
          users: [bob]
          groups: [sre-leads]
      """;
  /** The approval of the other policies here, unless a test says otherwise. */
  private static final String BY_BOB = "approval: {required: true, approvers: {users: [bob]}}\n";

  private static final String CAROL_REFUSED = "DebugPolicy \"team-approval\" requires approval in namespace "
      + "\"admission-approvers\" by one of its approvers: carol is not in its spec.approval.approvers.users, nor in "
      + "any of its spec.approval.approvers.groups";

  private final List<String> createdPolicies = new ArrayList<>();

  ApproversPolicyIT() {
    super(NAMESPACE);
  }

  @BeforeEach
  void alicesSessions() {
    alicesSessionIn(NAMESPACE, Map.of());
    alicesSessionIn(MARKERS, Map.of());
  }

  @AfterEach
  void deletePolicies() {
    createdPolicies.forEach(name -> admin.resources(DebugPolicy.class).withName(name)
        .withTimeout(10, TimeUnit.SECONDS).delete());
  }

  @Test
  void refusesApproverNotListed() {
    // Arrange
    givenPolicies("team-approval", TEAM_POLICY);

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).contains(refusal(CAROL_REFUSED));
  }

  @Test
  void refusesDenialByApproverNotListed() {
    // Arrange: a denial ends the session as surely as an approval starts it
    givenPolicies("team-approval", TEAM_POLICY);

    // Act
    Optional<String> refusal = approve(as(TestUser.AUDITOR), NAMESPACE, ApprovalDecision.Denied, "carol");

    // Assert
    assertThat(refusal).contains(refusal(CAROL_REFUSED));
  }

  @Test
  void admitsDenialByApproverListed() {
    // Arrange
    givenPolicies("team-approval", TEAM_POLICY);

    // Act
    Optional<String> refusal = approve(as(TestUser.APPROVER), NAMESPACE, ApprovalDecision.Denied, "bob");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsApproverListedByUser() {
    // Arrange
    givenPolicies("team-approval", TEAM_POLICY);

    // Act
    Optional<String> refusal = approve(as(TestUser.APPROVER), NAMESPACE, ApprovalDecision.Approved, "bob");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsApproverListedByGroup() {
    // Arrange
    givenPolicies("team-approval", TEAM_POLICY);

    // Act
    Optional<String> refusal =
        approve(impersonating("dave", "sre-leads"), NAMESPACE, ApprovalDecision.Approved, "dave");

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void ignoresPolicyThatDoesNotGovernTheNamespace() {
    // Arrange
    givenPolicies("payments-approval", "namespaces: [payments]\n" + BY_BOB);

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void refusesByTheGoverningPolicyAmongOthers() {
    // Arrange
    String carolApprovesPayments = "namespaces: [payments]\napproval: {required: true, approvers: {users: [carol]}}";
    givenPolicies("payments-approval", carolApprovesPayments, "team-approval", TEAM_POLICY);

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).contains(refusal(CAROL_REFUSED));
  }

  @Test
  void appliesPolicyWithoutNamespacesToEveryNamespace() {
    // Arrange
    givenPolicies("team-approval", BY_BOB);

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).contains(refusal(CAROL_REFUSED));
  }

  @Test
  void appliesPolicyToNamespacesItsSelectorMatches() {
    // Arrange
    alicesSessionIn(PRODUCTION, Map.of("tier", "production", "team", "checkout"));
    givenPolicies("production-approval", "namespaceSelector: {matchLabels: {tier: production}}\n" + BY_BOB);

    // Act
    Optional<String> refusal = carolApproves(PRODUCTION);

    // Assert
    assertThat(refusal).contains(refusal("DebugPolicy \"production-approval\" requires approval in namespace "
        + "\"admission-approvers-production\" by one of its approvers: carol is not in its "
        + "spec.approval.approvers.users, nor in any of its spec.approval.approvers.groups"));
  }

  @Test
  void ignoresPolicyWhoseSelectorDoesNotMatch() {
    // Arrange
    alicesSessionIn(STAGING, Map.of("tier", "staging"));
    givenPolicies("production-approval", "namespaceSelector: {matchLabels: {tier: production}}\n" + BY_BOB);

    // Act
    Optional<String> refusal = carolApproves(STAGING);

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void doesNotEvaluateSelectorMatchExpressions() {
    // Arrange: the operator would find that this policy does not govern the namespace; admission cannot tell
    givenPolicies("team-approval", """
        namespaceSelector:
          matchExpressions:
          - {key: kubernetes.io/metadata.name, operator: NotIn, values: [admission-approvers]}
        """ + BY_BOB);

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).contains(refusal(CAROL_REFUSED));
  }

  @Test
  void ignoresPolicyThatDoesNotRequireApproval() {
    // Arrange
    givenPolicies("team-approval",
        "namespaces: [admission-approvers]\napproval: {required: false, approvers: {users: [bob]}}");

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsWhenThereIsNoDebugPolicy() {
    // Arrange
    givenPolicies();

    // Act
    Optional<String> refusal = carolApproves(NAMESPACE);

    // Assert
    assertThat(refusal).isEmpty();
  }

  /** Why the server refuses carol's approval (a dry run) of alice's session in {@code namespace}. */
  private Optional<String> carolApproves(String namespace) {
    return approve(as(TestUser.AUDITOR), namespace, ApprovalDecision.Approved, "carol");
  }

  /** Makes {@code namespace} with {@code labels}, where carol and dave may approve, holding alice's session. */
  private void alicesSessionIn(String namespace, Map<String, String> labels) {
    TestNamespace.prepare(admin, namespace, labels);
    grant(namespace, "debugsession-approver", TestUser.AUDITOR.userName());
    grant(namespace, "debugsession-approver", "dave");
    as(TestUser.REQUESTER).resource(session(namespace, "alice")).create();
  }

  /**
   * Creates the DebugPolicies given as name, spec (YAML), name, spec..., and returns once admission has seen them
   * and no other: it has refused bob's approval in {@link #MARKERS} by a marker policy created after them, and
   * admitted it again after the marker's deletion. bob is named by every policy here that could govern there.
   */
  private void givenPolicies(String... namesAndSpecs) {
    for (int i = 0; i < namesAndSpecs.length; i += 2) {
      createPolicy(namesAndSpecs[i], namesAndSpecs[i + 1]);
      createdPolicies.add(namesAndSpecs[i]);
    }
    String marker = "approvers-it-marker-" + MARKER_NUMBER.incrementAndGet();
    createPolicy(marker, "namespaces: [" + MARKERS + "]\napproval: {required: true, approvers: {users: [nobody]}}");
    KubernetesClient bob = as(TestUser.APPROVER);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(markerProbe(bob))
        .hasValueSatisfying(refusal -> assertThat(refusal).contains("DebugPolicy \"" + marker + "\"")));
    admin.resources(DebugPolicy.class).withName(marker).withTimeout(10, TimeUnit.SECONDS).delete();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(markerProbe(bob)).isEmpty());
  }

  private static Optional<String> markerProbe(KubernetesClient bob) {
    return approve(bob, MARKERS, ApprovalDecision.Approved, "bob");
  }

  private void createPolicy(String name, String specYaml) {
    String yaml = "apiVersion: debugsession.io/v1alpha1\nkind: DebugPolicy\nmetadata:\n  name: " + name
        + "\nspec:\n" + specYaml.indent(2);
    admin.resource(admin.getKubernetesSerialization().unmarshal(yaml, DebugPolicy.class)).create();
  }

  private static String refusal(String message) {
    return SessionRequests.refusal(POLICY, message);
  }
}
