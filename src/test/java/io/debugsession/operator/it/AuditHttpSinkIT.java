package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.app.AuditPipeline;
import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.chain.ChainState;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import io.debugsession.operator.audit.sink.FakeAuditReceiver;
import io.debugsession.operator.audit.sink.SinkSettings;
import io.debugsession.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP sink behind its disk spool, with a local receiver that deduplicates by recordId as the contract asks
 * (docs/audit-sink.md): a receiver that is down loses nothing, across an operator restart, and a full spool denies
 * new sessions instead of running them unaudited.
 */
class AuditHttpSinkIT extends OperatorTestBase {

  @TempDir
  Path spool;
  private final FakeAuditReceiver receiver = receiverThatIsDown();
  private long spoolCapacity = 1024 * 1024;

  @Override
  InProcessOperator.Audit auditing() {
    SinkSettings settings = SinkSettings.defaults(receiver.url()).withBatchSize(2)
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
    return new InProcessOperator.Audit(OPERATOR_NS, auditLines::add,
        Optional.of(new AuditPipeline.HttpSink(settings, spool, spoolCapacity)), Duration.ZERO);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void receiverDownAcrossAnOperatorRestartGetsEveryRecordExactlyOnceWhenItComesUp() throws IOException {
    // Arrange: the receiver is down from the start.
    activeRunningSession("dbg-1");
    eventually().until(() -> auditLines.size() == 3);

    // Act: the operator restarts with three records in its spool, the session ends and is deleted, then the
    // receiver comes up.
    restartOperator();
    endSession("dbg-1");
    client.resource(session("dbg-1")).delete();
    eventually().until(() -> session("dbg-1") == null);
    long chained = head().sequence();
    receiver.start();
    eventually().until(() -> receiver.storedIds().size() >= chained);

    // Assert
    assertThat(chained).isEqualTo(6);
    List<String> logged = auditLines.stream().map(AuditJson::fromLine).map(AuditRecord::recordId).distinct().toList();
    assertThat(receiver.storedIds()).containsExactlyElementsOf(logged);
    assertThat(receiver.storedLines()).extracting(l -> AuditJson.fromLine(l).event().wireName())
        .containsExactly("requested", "injected", "container-running", "end-requested", "ended", "deleted");
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(head()).verifyLines(receiver.storedLines().stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
  }

  @Test
  void fullSpoolDeniesNewSessionsUntilTheReceiverHasTakenItsRecords() throws IOException {
    // Arrange: a spool with room for two records (about 1.1 KB each), and the receiver down.
    spoolCapacity = 3000;
    restartOperator();
    activeRunningSession("dbg-1");
    eventually().until(() -> auditLines.size() == 3);

    // Act
    createSession("dbg-2");
    DebugSession denied = awaitPhase("dbg-2", Phase.Denied);
    receiver.start();
    eventually().until(() -> receiver.storedIds().size() == head().sequence());
    createSession("dbg-3");
    awaitPhase("dbg-3", Phase.Active);

    // Assert
    assertThat(denied.getStatus().getEndReason()).isEqualTo("AuditUnavailable");
    assertThat(denied.getStatus().getMessage()).contains("audit spool is full");
    Condition full = Conditions.find(denied.getStatus().getConditions(), ConditionType.AuditSpoolFull);
    assertThat(full.getStatus()).isEqualTo("True");
    assertThat(warningReasons("dbg-2")).contains("AuditUnavailable");
    eventually().until(() -> receiver.storedIds().size() == head().sequence());
    assertThat(receiver.storedLines()).extracting(l -> AuditJson.fromLine(l).event().wireName())
        .containsExactly("requested", "injected", "container-running", "requested", "denied", "requested",
            "injected");
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(head()).verifyLines(receiver.storedLines().stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
  }

  private void endSession(String name) {
    endRequested(name);
    awaitPhase(name, Phase.Ended);
  }

  private ChainHead head() {
    return ChainState.fromData(client.configMaps().inNamespace(OPERATOR_NS)
        .withName(InProcessOperator.CHAIN_CONFIG_MAP).get().getData()).head();
  }

  private static FakeAuditReceiver receiverThatIsDown() {
    try {
      return FakeAuditReceiver.down();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
