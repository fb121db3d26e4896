package io.debugsession.operator;

import io.debugsession.operator.audit.sink.JsonLinesSink;
import io.debugsession.operator.kube.DebugProcessSignaller;
import io.debugsession.operator.kube.IdentityPolicyProbe;
import io.debugsession.operator.kube.PodEvictor;
import io.debugsession.operator.reconciler.ClusterPolicyVerdicts;
import io.debugsession.operator.lifecycle.Timing;
import io.debugsession.operator.reconciler.DebugSessionReconcilerFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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

  /**
   * Where the audit trail goes in a test: the chain's ConfigMap in {@code namespace}, log lines to {@code logSink},
   * optionally an HTTP sink; finished sessions are deleted after {@code retention} (0: kept).
   */
  public record Audit(String namespace, Consumer<String> logSink, Optional<AuditPipeline.HttpSink> http,
      Duration retention) {}

  public static final String CHAIN_CONFIG_MAP = "debugsession-audit-chain";

  private final Operator operator;
  private final AuditPipeline audit;
  private final PodEvictor evictor;

  private InProcessOperator(Operator operator, AuditPipeline audit, PodEvictor evictor) {
    this.operator = operator;
    this.audit = audit;
    this.evictor = evictor;
  }

  /**
   * @param serverSideApply false against the fabric8 mock, which answers server-side apply with 415; a real API
   *     server takes both
   */
  public static InProcessOperator start(KubernetesClient client, boolean serverSideApply, Timing timing,
      DebugProcessSignaller signaller, Clock clock, boolean requireVerifiedRequester, Audit auditing) {
    return start(client, serverSideApply, timing, signaller, clock, requireVerifiedRequester, auditing, Set.of());
  }

  /**
   * Reconciles only the DebugSessions of {@code namespaces} (all of them when empty), so that tests running side by
   * side on one cluster can each have an operator of their own.
   */
  public static InProcessOperator start(KubernetesClient client, boolean serverSideApply, Timing timing,
      DebugProcessSignaller signaller, Clock clock, boolean requireVerifiedRequester, Audit auditing,
      Set<String> namespaces) {
    AuditPipeline audit = AuditPipeline.start(client, auditing.namespace(), CHAIN_CONFIG_MAP, auditing.http(),
        new JsonLinesSink(auditing.logSink()), clock);
    PodEvictor evictor = new PodEvictor(client);
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withCloseClientOnStop(false)
        .withUseSSAToPatchPrimaryResource(serverSideApply)
        .withStopOnInformerErrorDuringStartup(true)
        .withCacheSyncTimeout(Duration.ofSeconds(30)));
    operator.register(DebugSessionReconcilerFactory.create(client, timing, 5, signaller,
        new ClusterPolicyVerdicts(client, new IdentityPolicyProbe(client, clock), requireVerifiedRequester),
        audit.trail(), evictor, auditing.retention(), clock), controller -> {
          if (!namespaces.isEmpty()) {
            controller.settingNamespaces(namespaces);
          }
        });
    operator.start();
    return new InProcessOperator(operator, audit, evictor);
  }

  @Override
  public void close() {
    operator.stop();
    evictor.close();
    audit.close();
  }
}
