package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.status.Conditions;
import io.debugsession.operator.testsupport.proxy.RequestMatcher;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * StopAndEvict: at expiry the pod is evicted through the real Eviction API, and a PodDisruptionBudget is respected.
 * Without a node the evicted pod stays Terminating (a kubelet would then remove it); without a controller-manager
 * nobody computes a budget's status, so the test writes it as the disruption controller would.
 */
class SessionEvictionIT extends OperatorTestBase {

  private static final String EVICTING_POLICY = """
      namespaces: [shop]
      onExpiry: StopAndEvict
      """;
  private static final RequestMatcher EVICTIONS = RequestMatcher.of("POST", path -> path.endsWith("/eviction"));

  @Test
  void expiredSessionEvictsItsPod() {
    createPolicy("shop-evict", EVICTING_POLICY);
    String container = activeRunningSession("dbg-1");
    passDeadline("dbg-1", Duration.ofMillis(500));

    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(proxy.requests(EVICTIONS)).singleElement()
        .satisfies(eviction -> assertThat(eviction.status()).isEqualTo(201));
    assertThat(pod().getMetadata().getDeletionTimestamp()).as("evicted: the pod is being deleted").isNotNull();
    assertThat(expired.getStatus().getOnExpiry()).isEqualTo("StopAndEvict");
    assertThat(expired.getStatus().getEviction().getEvictedAt()).isNotNull();
    assertThat(Conditions.find(expired.getStatus().getConditions(), ConditionType.Evicted).getStatus()).isEqualTo("True");
    assertThat(expired.getStatus().getMessage()).endsWith("was evicted so that its controller replaces it without "
        + "the debug container");
    assertThat(eventReasons("dbg-1")).contains("Evicted", "Expired");
  }

  @Test
  void evictionBlockedByADisruptionBudgetIsRetriedThenRecorded() {
    createPolicy("shop-evict", EVICTING_POLICY);
    String container = activeRunningSession("dbg-1");
    budgetAllowingNoDisruption("checkout-pdb");
    passDeadline("dbg-1", Duration.ofMillis(500));

    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());

    eventually().untilAsserted(() -> assertThat(eventReasons("dbg-1")).contains("EvictionBlocked"));
    DebugSession expired = awaitPhase("dbg-1", Phase.Expired); // after the 4s eviction timeout of these tests
    assertThat(proxy.requests(EVICTIONS)).hasSizeGreaterThan(1)
        .allSatisfy(eviction -> assertThat(eviction.status()).isEqualTo(429));
    assertThat(pod().getMetadata().getDeletionTimestamp()).isNull();
    assertThat(Conditions.find(expired.getStatus().getConditions(), ConditionType.Evicted).getStatus())
        .isEqualTo("False");
    assertThat(expired.getStatus().getEviction().getBlockedBy()).contains("HTTP 429");
    assertThat(expired.getStatus().getMessage()).contains("the pod could not be evicted within 4s");
    assertThat(eventReasons("dbg-1")).contains("EvictionFailed");
  }

  @Test
  void policyWithoutEvictionLeavesThePodAlone() {
    String container = activeRunningSession("dbg-1");
    passDeadline("dbg-1", Duration.ofMillis(500));

    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());

    awaitPhase("dbg-1", Phase.Expired);
    assertThat(proxy.requests(EVICTIONS)).isEmpty();
    assertThat(pod().getMetadata().getDeletionTimestamp()).isNull();
  }

  /** A budget of minAvailable 1 over the one pod, with the status the disruption controller would give it. */
  private void budgetAllowingNoDisruption(String name) {
    PodDisruptionBudget budget = client.resource(new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().addToMatchLabels("app", POD)
        .endSelector().endSpec()
        .build()).create();
    budget.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
        .withObservedGeneration(budget.getMetadata().getGeneration())
        .withCurrentHealthy(1).withDesiredHealthy(1).withExpectedPods(1).withDisruptionsAllowed(0)
        .build());
    client.resource(budget).updateStatus();
  }
}
