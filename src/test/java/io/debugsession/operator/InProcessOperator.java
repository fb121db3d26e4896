package io.debugsession.operator;

import io.debugsession.operator.app.AuditPipeline;
import io.debugsession.operator.app.OperatorAssembly;
import io.debugsession.operator.audit.sink.JsonLinesSink;
import io.debugsession.operator.lifecycle.Timing;
import io.debugsession.operator.reconciler.StopMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Runs the operator, as {@link OperatorAssembly} puts it together, in the test JVM against a real API server. */
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
  private static final int CONFLICT_RETRIES = 5;

  private final OperatorAssembly assembly;

  private InProcessOperator(OperatorAssembly assembly) {
    this.assembly = assembly;
  }

  /**
   * @param serverSideApply whether status and finalizers are patched by server-side apply (production's default)
   * @param execTimeout the bound on one exec into a debug container
   */
  public static InProcessOperator start(KubernetesClient client, boolean serverSideApply, Timing timing,
      Duration execTimeout, Clock clock, boolean requireVerifiedRequester, Audit auditing) {
    return start(client, serverSideApply, timing, execTimeout, clock, requireVerifiedRequester, auditing, Set.of());
  }

  /**
   * Reconciles only the DebugSessions of {@code namespaces} (all of them when empty), so that tests running side by
   * side on one cluster can each have an operator of their own.
   */
  public static InProcessOperator start(KubernetesClient client, boolean serverSideApply, Timing timing,
      Duration execTimeout, Clock clock, boolean requireVerifiedRequester, Audit auditing, Set<String> namespaces) {
    var audit = new AuditPipeline.Settings(auditing.namespace(), CHAIN_CONFIG_MAP, auditing.http(),
        new JsonLinesSink(auditing.logSink()));
    var settings = new OperatorAssembly.Settings(timing, execTimeout, CONFLICT_RETRIES, serverSideApply,
        requireVerifiedRequester, auditing.retention(), audit, namespaces, clock);
    return new InProcessOperator(OperatorAssembly.start(client, settings, new StopMetrics(),
        o -> o.withCacheSyncTimeout(Duration.ofSeconds(30))));
  }

  @Override
  public void close() {
    assembly.close();
  }
}
