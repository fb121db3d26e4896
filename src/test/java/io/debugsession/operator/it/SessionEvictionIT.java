package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.lifecycle.Conditions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** StopAndEvict: at expiry the pod is evicted through the Eviction API, and a PodDisruptionBudget is respected. */
class SessionEvictionIT extends OperatorTestBase {

  private static final String EVICTING_POLICY = """
      namespaces: [shop]
      onExpiry: StopAndEvict
      """;

  @Test
  void expiredSessionEvictsItsPod() {
    createPolicy("shop-evict", EVICTING_POLICY);
    String container = activeRunningSession("dbg-1");
    passDeadline("dbg-1", Duration.ofMillis(500));

    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());

    DebugSession expired = awaitPhase("dbg-1", Phase.Expired);
    assertThat(api.evictions().calls()).hasSize(1);
    assertThat(pod()).isNull();
    assertThat(expired.getStatus().getOnExpiry()).isEqualTo("StopAndEvict");
    assertThat(expired.getStatus().getEviction().getEvictedAt()).isNotNull();
    assertThat(Conditions.find(expired.getStatus().getConditions(), Conditions.EVICTED).getStatus()).isEqualTo("True");
    assertThat(expired.getStatus().getMessage()).endsWith("was evicted so that its controller replaces it without "
        + "the debug container");
    assertThat(eventReasons("dbg-1")).contains("Evicted", "Expired");
  }

  @Test
  void evictionBlockedByADisruptionBudgetIsRetriedThenRecorded() {
    createPolicy("shop-evict", EVICTING_POLICY);
    String container = activeRunningSession("dbg-1");
    api.evictions().blockNext(100, "checkout-pdb", 1, 1);
    passDeadline("dbg-1", Duration.ofMillis(500));

    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());

    eventually().untilAsserted(() -> assertThat(eventReasons("dbg-1")).contains("EvictionBlocked"));
    DebugSession expired = awaitPhase("dbg-1", Phase.Expired); // after the 4s eviction timeout of these tests
    assertThat(api.evictions().calls().size()).isGreaterThan(1);
    assertThat(pod()).isNotNull();
    assertThat(Conditions.find(expired.getStatus().getConditions(), Conditions.EVICTED).getStatus())
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
    assertThat(api.evictions().calls()).isEmpty();
    assertThat(pod()).isNotNull();
  }
}
