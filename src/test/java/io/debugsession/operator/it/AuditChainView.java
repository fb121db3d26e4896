package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.chain.ChainState;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The audit trail as a reader of the operator's log sees it after faults: lines an operator re-delivered from the
 * chain's outbox after a restart are exact repeats (the trail delivers at least once), so they are read once; what
 * must hold is that the chain itself has every fact once, with no gap, up to the head stored in the cluster.
 */
final class AuditChainView {

  private final List<String> lines;
  private final KubernetesClient admin;

  AuditChainView(List<String> lines, KubernetesClient admin) {
    this.lines = lines;
    this.admin = admin;
  }

  /** The chained records, each line read once, in the order logged. */
  List<AuditRecord> records() {
    return lines.stream().distinct().map(AuditJson::fromLine).toList();
  }

  /** The events of the chained records, in the order logged. */
  List<String> events() {
    return records().stream().map(r -> r.event().wireName()).toList();
  }

  /** The events recorded about one session, in the order logged. */
  List<String> eventsOf(String sessionUid) {
    return records().stream().filter(r -> r.session().uid().equals(sessionUid))
        .map(r -> r.event().wireName()).toList();
  }

  List<Long> sequences() {
    return records().stream().map(AuditRecord::sequence).toList();
  }

  /** The log's records against the head stored in the chain's ConfigMap, from sequence 1. */
  VerificationReport verify() {
    var data = admin.configMaps().inNamespace(RealCluster.OPERATOR_NAMESPACE)
        .withName(InProcessOperator.CHAIN_CONFIG_MAP).get().getData();
    return ChainVerifier.fromGenesis().endingAt(ChainState.fromData(data).head()).skippingExactDuplicates()
        .verifyLines(lines.stream());
  }

  /**
   * Waits until the log holds {@code events.length} records, then asserts they are exactly {@code events}, chained at
   * sequences 1..n, and verify against the stored head.
   */
  void assertEachFactOnce(String... events) {
    OperatorTestBase.eventually().until(() -> events().size() >= events.length);
    assertThat(events()).containsExactly(events);
    assertThat(sequences()).containsExactly(LongStream.rangeClosed(1, events.length).boxed().toArray(Long[]::new));
    VerificationReport report = verify();
    assertThat(report.ok()).as(report.summary()).isTrue();
  }
}
