package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.proxy.Fault;
import io.debugsession.operator.testsupport.proxy.FaultProxy;
import io.debugsession.operator.testsupport.proxy.RequestMatcher;
import io.debugsession.operator.testsupport.proxy.Statuses;
import io.fabric8.kubernetes.client.Config;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole sessions (created, Active, debugger running, expired) while the API server fails the operator's requests of
 * one kind: 500, 429, a lost answer (the server applied the request, the operator got 504), or an answer held past
 * the client's timeout. The operator converges: one debug container, the session Expired, and the audit chain has
 * each fact exactly once. Faults on the stop's exec (a 500, a lost answer, one that never finishes) are
 * SessionStopFailureIT's.
 */
class ApiFaultsIT extends OperatorTestBase {

  /** Short, so that a held answer times the request out without slowing the tests. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);

  /** Which requests of the operator fail. */
  enum Target {
    POD_READS(RequestMatcher.of("GET", path -> path.equals("/api/v1/namespaces/" + NS + "/pods/" + POD))),
    EPHEMERAL_CONTAINERS_SUBRESOURCE(EPHEMERAL_CONTAINER_WRITES),
    STATUS_PATCHES(RequestMatcher.anyMethod(path -> path.endsWith("/debugsessions/dbg-1/status"))),
    AUDIT_CHAIN_WRITES(RequestMatcher.of("PUT",
        path -> path.endsWith("/configmaps/" + InProcessOperator.CHAIN_CONFIG_MAP)));

    final RequestMatcher matcher;

    Target(RequestMatcher matcher) {
      this.matcher = matcher;
    }
  }

  /** Faults armed in this order: each applies to the next matching request once. */
  enum Faults {
    /** A 500, then a 429 (Retry-After 1), then an answer lost after the server applied the request. */
    ERRORS_THEN_LOST_ANSWER((proxy, m) -> List.of(
        proxy.respond(m, 1, Statuses.serverError("etcdserver: leader changed")),
        proxy.respond(m, 1, Statuses.tooManyRequests("Too many requests, please try again later.")),
        proxy.loseResponse(m, 1))),
    /** The server applies the request but answers after the client gave up. */
    CLIENT_TIMEOUT((proxy, m) -> List.of(proxy.delay(m, 1, ApiFaultsIT.CLIENT_TIMEOUT.plusSeconds(1))));

    final BiFunction<FaultProxy, RequestMatcher, List<Fault>> arm;

    Faults(BiFunction<FaultProxy, RequestMatcher, List<Fault>> arm) {
      this.arm = arm;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(Target.values()).flatMap(t -> Stream.of(Faults.values()).map(f -> Arguments.of(t, f)));
  }

  @Override
  Config operatorClientConfig(Config config) {
    config.setRequestTimeout((int) CLIENT_TIMEOUT.toMillis());
    return config;
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("cases")
  void sessionConvergesAndIsAuditedOnce(Target target, Faults faults) {
    // Arrange
    runningPod();
    List<Fault> armed = faults.arm.apply(proxy, target.matcher);

    // Act: a whole session
    createSession("dbg-1");
    String container = awaitPhaseWithin("dbg-1", Phase.Active);
    kubelet.ephemeralRunning(NS, POD, container, IMAGE_ID);
    patiently().until(() -> session("dbg-1").getStatus().getDebugContainer() != null);
    passDeadline("dbg-1", Duration.ZERO);
    awaitPhaseWithin("dbg-1", Phase.Expired);

    // Assert
    assertThat(armed).as("every fault met a request").allSatisfy(f -> assertThat(f.fired()).isEqualTo(1));
    assertThat(pod().getSpec().getEphemeralContainers()).singleElement()
        .satisfies(c -> assertThat(c.getName()).isEqualTo(container));
    assertThat(proxy.exec().calls()).isNotEmpty().allSatisfy(call -> assertThat(call.container()).isEqualTo(container));
    new AuditChainView(auditLines, client).assertEachFactOnce("requested", "injected", "container-running", "expired");
  }

  private String awaitPhaseWithin(String name, Phase phase) {
    patiently().until(() -> session(name) != null && session(name).getStatus() != null
        && phase == session(name).getStatus().getPhase());
    return session(name).getStatus().getContainerName();
  }

  /** Retries after faults back off (the framework's from 1 s, a 429's Retry-After): longer than eventually(). */
  private static org.awaitility.core.ConditionFactory patiently() {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
  }
}
