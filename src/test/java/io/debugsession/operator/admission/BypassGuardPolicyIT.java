package io.debugsession.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.testsupport.TestPods;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.Refusal;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * debugsession-bypass-guard on the real API server: ephemeral containers are added by the operator only, unless its
 * ConfigMap says otherwise. Adds are real (a pod bound to a node that does not exist takes them all the same), each
 * with a debug container of a new name, sent as the operator sends them: the whole pod, PUT to
 * pods/{name}/ephemeralcontainers.
 *
 * <p>The ConfigMap debugsession-system/debugsession-admission is shared by every test of this JVM: a test that changes
 * it has it restored afterwards, pass or fail. Admission reads it from an informer, a moment after it is written, so
 * a test waits until admission answers by the new settings, and the restore waits until it answers by the shipped
 * ones again (the operator admitted; the administrator and the break-glass user refused).
 */
class BypassGuardPolicyIT extends AdmissionTestBase {

  private static final String POLICY = "debugsession-bypass-guard";
  private static final String POD = "app";
  private static final String BREAK_GLASS = "break-glass@example.com";
  private static final Path SHIPPED_PARAMS = Path.of("config", "admission", "bypass_guard_params.yaml");

  private final AtomicInteger debuggers = new AtomicInteger();
  private boolean paramsChanged;

  BypassGuardPolicyIT() {
    super("admission-guard");
  }

  @BeforeEach
  void createPod() {
    admin.resource(TestPods.scheduledApp(namespace, POD)).create();
  }

  @AfterEach
  void restoreShippedParams() {
    if (!paramsChanged) {
      return;
    }
    admin.resource(shippedParams()).forceConflicts().serverSideApply();
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
  void admitsEveryoneWhenDisabled() {
    // Arrange
    changeParams(params -> params.getData().put("bypassGuard", "disabled"));

    // Act and Assert
    eventually().untilAsserted(() -> assertThat(add(admin)).isEmpty());
  }

  @Test
  void staysOnForAnyOtherSetting() {
    // Arrange: switched off, as admission has seen
    changeParams(params -> params.getData().put("bypassGuard", "disabled"));
    eventually().until(() -> add(admin).isEmpty());

    // Act
    changeParams(params -> params.getData().put("bypassGuard", "off"));

    // Assert
    eventually().untilAsserted(() -> assertThat(add(admin)).contains(refusal("admin may not add one directly")));
  }

  @Test
  void admitsEveryListedUser() {
    // Arrange
    String twoUsers = RealCluster.OPERATOR_USER + " , " + BREAK_GLASS + ",";
    changeParams(params -> params.getData().put("operatorUsers", twoUsers));
    KubernetesClient breakGlass = breakGlassAdmin();

    // Act and Assert
    eventually().untilAsserted(() -> assertThat(add(breakGlass)).isEmpty());
  }

  @Test
  void refusesOperatorWhenNoUserIsListed() {
    // Arrange
    changeParams(params -> params.getData().remove("operatorUsers"));
    KubernetesClient operator = asOperator();

    // Act and Assert
    eventually().untilAsserted(() -> assertThat(add(operator))
        .contains(refusal(RealCluster.OPERATOR_USER + " may not add one directly")));
  }

  @Test
  void failsClosedWithoutItsConfigMap() {
    // Arrange
    paramsChanged = true;
    params().delete();
    KubernetesClient operator = asOperator();

    // Act and Assert
    eventually().untilAsserted(() -> assertThat(add(operator)).contains(refusedBy(
        "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction")));
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

  private void changeParams(Consumer<ConfigMap> change) {
    paramsChanged = true;
    params().edit(params -> {
      change.accept(params);
      return params;
    });
  }

  private Resource<ConfigMap> params() {
    return admin.configMaps().inNamespace(RealCluster.OPERATOR_NAMESPACE).withName("debugsession-admission");
  }

  private ConfigMap shippedParams() {
    try {
      return admin.getKubernetesSerialization().unmarshal(Files.readString(SHIPPED_PARAMS), ConfigMap.class);
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
