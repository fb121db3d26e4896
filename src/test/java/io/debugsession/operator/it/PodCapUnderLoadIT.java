package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A hundred sessions for one pod at once: concurrent writes of the pod's ephemeral containers conflict, and however
 * they interleave the pod gets exactly as many debuggers as its policy's cap, and every other session is Denied.
 */
class PodCapUnderLoadIT extends OperatorTestBase {

  private static final int SESSIONS = 100;
  private static final int CAP = 10;

  @Test
  void aHundredSessionsOnOnePodGetExactlyTheCapAndTheRestAreDenied() throws Exception {
    // Arrange
    createPolicy("shop-cap", "namespaces: [shop]\nmaxEphemeralContainersPerPod: " + CAP);
    runningPod();

    // Act
    createAllAtOnce();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> sessions().stream().filter(s -> s.getStatus() != null && s.getStatus().getPhase() != null
            && s.getStatus().getPhase() != Phase.Pending).count() == SESSIONS);

    // Assert
    List<DebugSession> sessions = sessions();
    Map<Phase, List<DebugSessionStatus>> byPhase = sessions.stream().map(DebugSession::getStatus)
        .collect(Collectors.groupingBy(DebugSessionStatus::getPhase));
    assertThat(byPhase.keySet()).containsExactlyInAnyOrder(Phase.Active, Phase.Denied);
    assertThat(byPhase.get(Phase.Active)).hasSize(CAP);
    assertThat(byPhase.get(Phase.Denied)).hasSize(SESSIONS - CAP).allSatisfy(status -> {
      assertThat(status.getEndReason()).isEqualTo("EphemeralContainerLimit");
      assertThat(status.getMessage()).contains("pod \"checkout\" already has " + CAP + " ephemeral containers");
    });
    assertThat(pod().getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
        .containsExactlyInAnyOrderElementsOf(byPhase.get(Phase.Active).stream()
            .map(DebugSessionStatus::getContainerName).toList());
    AuditChainView audit = new AuditChainView(auditLines, client);
    await().atMost(Duration.ofSeconds(30)).until(() -> audit.records().size() == SESSIONS * 2);
    sessions.forEach(s -> assertThat(audit.eventsOf(s.getMetadata().getUid())).as(s.getMetadata().getName())
        .containsExactly("requested", s.getStatus().getPhase() == Phase.Active ? "injected" : "denied"));
    assertThat(audit.verify().ok()).as(audit.verify().summary()).isTrue();
  }

  /** alice asks for {@value #SESSIONS} sessions from 16 threads; returns once every create was answered. */
  private void createAllAtOnce() throws Exception {
    ExecutorService users = Executors.newFixedThreadPool(16);
    try {
      List<Future<DebugSession>> creates = IntStream.rangeClosed(1, SESSIONS)
          .mapToObj(i -> users.submit(() -> createSession("dbg-" + i))).toList();
      for (Future<DebugSession> create : creates) {
        create.get(60, TimeUnit.SECONDS);
      }
    } finally {
      users.shutdownNow();
    }
  }

  private List<DebugSession> sessions() {
    return client.resources(DebugSession.class).inNamespace(NS).list().getItems();
  }
}
