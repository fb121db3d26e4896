package io.debugsession.operator.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debugsession.operator.audit.verify.ChainProblem.Kind;
import io.debugsession.operator.audit.record.AuditFixtures;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.record.HashChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A chain written in two runs with its head persisted in between, and log slices verified from a known head. */
class ChainContinuationTest {

  private static final List<AuditRecord> FIRST_RUN = AuditFixtures.chain(500);
  private static final ChainHead PERSISTED = persistedHead();
  private static final List<AuditRecord> SECOND_RUN = AuditFixtures.chain(500, PERSISTED, "second run");

  @Test
  void aChainContinuedFromAPersistedHeadVerifiesAsOne() {
    List<String> log = new ArrayList<>(AuditFixtures.lines(FIRST_RUN));
    log.addAll(AuditFixtures.lines(SECOND_RUN));
    ChainHead end = new ChainHead(1000, SECOND_RUN.get(499).hash());

    VerificationReport report = ChainVerifier.fromGenesis().endingAt(end).verifyLines(log.stream());

    assertThat(report.summary()).isEqualTo("The chain is intact: 1000 records, up to sequence 1000 with hash "
        + end.hash() + ".");
    assertThat(SECOND_RUN.get(0).sequence()).isEqualTo(501L);
    assertThat(SECOND_RUN.get(0).prevHash()).isEqualTo(FIRST_RUN.get(499).hash());
  }

  @Test
  void aSliceVerifiesFromTheHeadBeforeIt() {
    VerificationReport report = ChainVerifier.startingAfter(PERSISTED).verifyLines(lines(SECOND_RUN));

    assertThat(report.ok()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(500);
    assertThat(report.reached()).isEqualTo(new ChainHead(1000, SECOND_RUN.get(499).hash()));
  }

  @Test
  void aSliceDoesNotVerifyFromTheGenesis() {
    VerificationReport report = ChainVerifier.fromGenesis().verifyLines(lines(SECOND_RUN));

    assertThat(report.problem()).map(ChainProblem::kind).contains(Kind.GAP);
    assertThat(report.summary()).isEqualTo("Sequences 1 to 500 are missing: record 501 (recordId "
        + SECOND_RUN.get(0).recordId() + ", line 1) comes right after the start of the chain.");
  }

  @Test
  void aSliceDoesNotVerifyFromAnotherHead() {
    ChainHead wrong = new ChainHead(500, FIRST_RUN.get(498).hash());

    VerificationReport report = ChainVerifier.startingAfter(wrong).verifyLines(lines(SECOND_RUN));

    assertThat(report.problem()).map(ChainProblem::kind).contains(Kind.INSERTED);
    assertThat(report.summary()).isEqualTo("Record 501 (recordId " + SECOND_RUN.get(0).recordId()
        + ", line 1) does not link to the starting head at sequence 500: its prevHash is " + PERSISTED.hash()
        + ", not " + wrong.hash() + ".");
  }

  @Test
  void aSliceMustStartAfterTheHead() {
    List<AuditRecord> overlapping = new ArrayList<>(FIRST_RUN.subList(499, 500));
    overlapping.addAll(SECOND_RUN);

    VerificationReport report = ChainVerifier.startingAfter(PERSISTED).verifyLines(lines(overlapping));

    assertThat(report.problem()).map(ChainProblem::kind).contains(Kind.REORDERED);
    assertThat(report.summary()).isEqualTo("Record 500 (recordId " + FIRST_RUN.get(499).recordId()
        + ", line 1) goes back in the chain: it comes after the starting head at sequence 500.");
  }

  @Test
  void anEmptyLogIsIntactUnlessAHeadSaysRecordsExist() {
    ChainHead end = new ChainHead(3, FIRST_RUN.get(2).hash());

    VerificationReport empty = ChainVerifier.fromGenesis().verifyLines(Stream.of());
    VerificationReport truncated = ChainVerifier.fromGenesis().endingAt(end).verifyLines(Stream.of("", " "));

    assertThat(empty.summary()).isEqualTo("The chain is intact: 0 records, up to sequence 0 with hash "
        + HashChain.GENESIS_HASH + ".");
    assertThat(truncated.problem()).map(ChainProblem::kind).contains(Kind.TRUNCATED);
    assertThat(truncated.summary()).isEqualTo("The log stops after the start of the chain, before the chain head at "
        + "sequence 3: sequences 1 to 3 are missing at the end, or not shipped yet.");
  }

  @Test
  void refusesAnEndHeadThatIsNotAfterTheStart() {
    ChainVerifier verifier = ChainVerifier.startingAfter(PERSISTED);
    ChainHead earlier = new ChainHead(3, FIRST_RUN.get(2).hash());

    assertThatThrownBy(() -> verifier.endingAt(earlier))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the end head (sequence 3) is not after the start head (sequence 500)");
  }

  /** The head after the first run, through a ConfigMap's data as the operator would store and read it. */
  private static ChainHead persistedHead() {
    AuditRecord last = FIRST_RUN.get(FIRST_RUN.size() - 1);
    Map<String, String> configMapData = new HashMap<>(new ChainHead(last.sequence(), last.hash()).toMap());
    return ChainHead.fromMap(configMapData);
  }

  private static Stream<String> lines(List<AuditRecord> records) {
    return AuditFixtures.lines(records).stream();
  }
}
