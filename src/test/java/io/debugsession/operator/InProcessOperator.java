package io.debugsession.operator;

import io.debugsession.operator.kube.DebugProcessSignaller;
import io.debugsession.operator.kube.IdentityPolicyProbe;
import io.debugsession.operator.reconciler.ClusterSessionGatekeeper;
import io.debugsession.operator.lifecycle.Timing;
import io.debugsession.operator.reconciler.DebugSessionReconcilerFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;

/** Runs the operator in the test JVM against any API server (the fabric8 mock or a k3s container). */
public final class InProcessOperator implements AutoCloseable {

  /** Short enough for tests to watch whole lifecycles; the same decisions as production, only faster. */
  public static final Timing FAST = new Timing(
      Duration.ofMinutes(15), // default TTL
      Duration.ofSeconds(2), // stop grace
      Duration.ofSeconds(1), // deadline slack
      Duration.ofSeconds(1), // status poll
      Duration.ofSeconds(6), // pending timeout
      Duration.ofSeconds(1), // eviction retry interval
      Duration.ofSeconds(4)); // eviction timeout

  private final Operator operator;

  private InProcessOperator(Operator operator) {
    this.operator = operator;
  }

  /**
   * @param serverSideApply false against the fabric8 mock, which answers server-side apply with 415; a real API
   *     server takes both
   */
  public static InProcessOperator start(KubernetesClient client, boolean serverSideApply, Timing timing,
      DebugProcessSignaller signaller, Clock clock) {
    return start(client, serverSideApply, timing, signaller, clock, false);
  }

  public static InProcessOperator start(KubernetesClient client, boolean serverSideApply, Timing timing,
      DebugProcessSignaller signaller, Clock clock, boolean requireVerifiedRequester) {
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(serverSideApply)
        .withStopOnInformerErrorDuringStartup(true)
        .withCacheSyncTimeout(Duration.ofSeconds(30)));
    operator.register(DebugSessionReconcilerFactory.create(client, timing, 5, signaller,
        new ClusterSessionGatekeeper(client, new IdentityPolicyProbe(client, clock), requireVerifiedRequester),
        clock));
    operator.start();
    return new InProcessOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
