package io.debugsession.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.Refusal;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * debugsession-bypass-guard on the real API server: ephemeral containers are added by the operator only, unless an
 * administrator changes the policy or its binding as README says. Adds are real (a pod bound to a node that does not
 * exist takes them all the same), each with a debug container of a new name, sent as the operator sends them: the
 * whole pod, PUT to pods/{name}/ephemeralcontainers.
 *
 * <p>The policy and its binding are shared by every test of this JVM: a test that changes them has the shipped ones
 * applied again afterwards, pass or fail. Admission takes a change a moment after it is written, so a test waits until
 * admission answers by the new settings, and the restore waits until it answers by the shipped ones again (the
 * operator admitted; the administrator and the break-glass user refused).
 */
class BypassGuardPolicyIT extends AdmissionTestBase {

  private static final String POLICY = "debugsession-bypass-guard";
  private static final String POD = "app";
  private static final String BREAK_GLASS = "break-glass@example.com";
  private static final Path SHIPPED = Path.of("config", "admission", "bypass_guard_policy.yaml");

  private final AtomicInteger debuggers = new AtomicInteger();
  private boolean guardChanged;

  BypassGuardPolicyIT() {
    super("admission-guard");
  }

  @BeforeEach
  void createPod() {
    admin.resource(TestPods.scheduledApp(namespace, POD)).create();
  }

  @AfterEach
  void restoreShippedGuard() {
    if (!guardChanged) {
      return;
    }
    applyShipped();
    KubernetesClient operator = asOperator();
    KubernetesClient breakGlass = breakGlassAdmin();
    eventually().untilAsserted(() -> {
      assertThat(add(operator)).isEmpty();
      assertThat(add(admin)).isPresent();
      assertThat(add(breakGlass)).isPresent();
    });
  }

  @Test
  void refusesClusterAdmin() {
    // Act
    Optional<String> refusal = add(admin);

    // Assert
    assertThat(refusal).contains(refusal("admin may not add one directly"));
  }

  @Test
  void refusesClusterAdminPatchingTheSubresource() {
    // Act: a PATCH (as kubectl debug sends) is an UPDATE of the subresource too
    Optional<String> refusal = Refusal.message(() -> admin.pods().inNamespace(namespace).withName(POD)
        .ephemeralContainers().edit(pod -> TestPods.withDebugContainer(pod, nextDebugger())));

    // Assert
    assertThat(refusal).contains(refusal("admin may not add one directly"));
  }

  @Test
  void admitsOperator() {
    // Act
    Optional<String> refusal = add(asOperator());

    // Assert
    assertThat(refusal).isEmpty();
  }

  @Test
  void admitsAUserAddedToThePolicyAsReadmeShows() {
    // Arrange: README's patch, with the break-glass user
    guardChanged = true;
    admin.admissionRegistration().v1().validatingAdmissionPolicies().withName(POLICY)
        .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"replace\",\"path\":\"/spec/variables/0/expression\","
            + "\"value\":\"[\\\"" + RealCluster.OPERATOR_USER + "\\\", \\\"" + BREAK_GLASS + "\\\"]\"}]");
    KubernetesClient breakGlass = breakGlassAdmin();

    // Act and Assert: both admitted, anyone else still refused
    eventually().untilAsserted(() -> assertThat(add(breakGlass)).isEmpty());
    assertThat(add(asOperator())).isEmpty();
    assertThat(add(admin)).contains(refusal("admin may not add one directly"));
  }

  @Test
  void recordOnlyAdmitsEveryone() {
    // Arrange: README's switch to Warn and Audit
    guardChanged = true;
    admin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(POLICY)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"validationActions\":[\"Warn\",\"Audit\"]}}");

    // Act and Assert
    eventually().untilAsserted(() -> assertThat(add(admin)).isEmpty());
  }

  @Test
  void refusesAgainAfterItIsDeletedAndInstalledAgain() {
    // Arrange: kubectl delete -k: the guard is gone for longer than admission's policy refresh (1 s), the moment that
    // froze a ConfigMap paramKind's informer for good in the API server (kubernetes#130887) and refused every add,
    // the operator's included, until the server restarted
    guardChanged = true;
    admin.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(POLICY).delete();
    admin.admissionRegistration().v1().validatingAdmissionPolicies().withName(POLICY).delete();
    eventually().untilAsserted(() -> assertThat(add(admin)).isEmpty());
    await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

    // Act: kubectl apply -k
    applyShipped();

    // Assert
    KubernetesClient operator = asOperator();
    eventually().untilAsserted(() -> {
      assertThat(add(admin)).contains(refusal("admin may not add one directly"));
      assertThat(add(operator)).isEmpty();
    });
  }

  @Test
  void leavesOtherPodUpdatesAlone() {
    // Act
    Optional<String> refusal = Refusal.message(() -> admin.pods().inNamespace(namespace).withName(POD)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"debugged\":\"no\"}}}"));

    // Assert
    assertThat(refusal).isEmpty();
  }

  /** Why the server refuses {@code sender}'s add of a new debug container to the pod; empty when it admits it. */
  private Optional<String> add(KubernetesClient sender) {
    Pod withDebugger = TestPods.withDebugContainer(admin.pods().inNamespace(namespace).withName(POD).get(),
        nextDebugger());
    return Refusal.message(() -> sender.pods().inNamespace(namespace).resource(withDebugger)
        .ephemeralContainers().update());
  }

  private EphemeralContainer nextDebugger() {
    return TestPods.debugContainer("dbg-" + debuggers.incrementAndGet(), "busybox:1.37", "app");
  }

  /** A cluster administrator of another name, for break-glass. */
  private KubernetesClient breakGlassAdmin() {
    return impersonating(BREAK_GLASS, "system:masters");
  }

  /**
   * The policy and its binding as config/admission ships them, each deleted and created anew: an apply would keep the
   * validationActions another field manager added (a set), and Deny beside Warn is invalid.
   */
  private void applyShipped() {
    try (var input = Files.newInputStream(SHIPPED)) {
      admin.load(input).items().forEach(shipped -> {
        admin.resource(shipped).delete();
        admin.resource(shipped).create();
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String refusal(String userMayNot) {
    return refusedBy("ephemeral containers are added through a DebugSession (policy, TTL and audit); " + userMayNot);
  }

  private static String refusedBy(String message) {
    return "pods \"" + POD + "\" is forbidden: ValidatingAdmissionPolicy '" + POLICY + "' with binding '" + POLICY
        + "' denied request: " + message;
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100));
  }
}
