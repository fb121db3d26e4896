package io.debugsession.operator.e2e;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.lifecycle.Timing;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.RealNodeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The operator under test on the real node: in this JVM, under its ServiceAccount's token with exactly
 * {@code config/rbac}'s rights, past the bypass guard as only it may be, requiring verified requesters as the
 * Deployment does, its audit chain in {@value RealCluster#OPERATOR_NAMESPACE} as in production. It reconciles only
 * its test's namespace, so that tests run side by side, each with an operator of its own that it may stop and
 * replace. No fault proxy: everything it sends reaches kube-apiserver, and its execs the kubelet.
 */
final class NodeOperator implements AutoCloseable {

  /**
   * 3 s from TERM to KILL (the container's own wrapper uses it too, production 10 s), then production's 5 s of slack
   * before the operator steps in at expiry. The slack must outlast the kubelet, which reports an exit a second or two
   * after it happened (more under load): with the *IT tier's 1 s, the operator began its own stop on containers the
   * wrapper had just killed, its exec failed, and the session still said the operator's signal stopped them. The
   * status poll is 1 s: pods are not watched.
   */
  static final Timing TIMING = new Timing(
      Duration.ofMinutes(15), // default TTL, unused: the policy's applies
      Duration.ofSeconds(3), // stop grace
      Duration.ofSeconds(5), // deadline slack
      Duration.ofSeconds(1), // status poll
      Duration.ofSeconds(30), // pending timeout
      Duration.ofSeconds(1), // eviction retry interval
      Duration.ofSeconds(30)); // eviction timeout

  private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(10);

  private final RealNodeCluster cluster;
  private final String namespace;
  /** What the operators of this test wrote on the audit log category, one JSON record per line. */
  private final List<String> auditLines = new CopyOnWriteArrayList<>();
  private KubernetesClient client;
  private InProcessOperator operator;
  private Instant startedAt;

  private NodeOperator(RealNodeCluster cluster, String namespace) {
    this.cluster = cluster;
    this.namespace = namespace;
  }

  static NodeOperator start(RealNodeCluster cluster, String namespace) {
    NodeOperator operator = new NodeOperator(cluster, namespace);
    operator.startOne();
    return operator;
  }

  /** Stops this operator and starts a new one, with a new client, as a rescheduled operator pod would. */
  void replace() {
    stopOne();
    startOne();
  }

  /** When the operator now running started. */
  Instant startedAt() {
    return startedAt;
  }

  List<String> auditLines() {
    return auditLines;
  }

  @Override
  public void close() {
    stopOne();
  }

  private void startOne() {
    client = cluster.operatorClient();
    startedAt = Instant.now();
    operator = InProcessOperator.start(client, true, TIMING, EXEC_TIMEOUT,
        Clock.systemUTC(), true, new InProcessOperator.Audit(RealCluster.OPERATOR_NAMESPACE, auditLines::add,
            Optional.empty(), Duration.ZERO), Set.of(namespace));
  }

  private void stopOne() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
