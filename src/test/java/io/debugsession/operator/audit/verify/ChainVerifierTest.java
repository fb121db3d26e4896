package io.debugsession.operator.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.audit.verify.ChainProblem.Kind;
import io.debugsession.operator.audit.record.AuditFixtures;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.record.HashChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A chain of 1,000 records, tampered with in every way at the first, last and a few middle positions. */
class ChainVerifierTest {

  private static final int SIZE = 1000;
  private static final List<AuditRecord> CHAIN = AuditFixtures.chain(SIZE);
  private static final List<String> LINES = AuditFixtures.lines(CHAIN);
  private static final ChainHead HEAD = new ChainHead(SIZE, hash(SIZE));

  @Test
  void acceptsTheIntactChain() {
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(HEAD).verifyLines(LINES.stream());

    assertThat(report.ok()).isTrue();
    assertThat(report.problem()).isEmpty();
    assertThat(report.recordsVerified()).isEqualTo(SIZE);
    assertThat(report.reached()).isEqualTo(HEAD);
    assertThat(report.summary())
        .isEqualTo("The chain is intact: 1000 records, up to sequence 1000 with hash " + HEAD.hash() + ".");
  }

  @Test
  void acceptsTheIntactChainGivenAsRecords() {
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(HEAD).verify(CHAIN);

    assertThat(report.ok()).isTrue();
    assertThat(report.reached()).isEqualTo(HEAD);
  }

  @ParameterizedTest(name = "record {0} removed")
  @ValueSource(ints = {1, 2, 500, 999})
  void detectsARemovedRecord(int removed) {
    List<String> lines = new ArrayList<>(LINES);
    lines.remove(removed - 1);

    VerificationReport report = verify(lines);

    String after =
        removed == 1 ? "the start of the chain" : "record " + (removed - 1) + " (line " + (removed - 1) + ")";
    assertProblem(report, Kind.GAP, removed, removed + 1,
        "Sequence " + removed + " is missing: record " + (removed + 1) + " (recordId " + id(removed + 1) + ", line "
            + removed + ") comes right after " + after + ".");
    assertThat(report.recordsVerified()).isEqualTo(removed - 1);
  }

  @Test
  void detectsSeveralRemovedRecords() {
    List<String> lines = new ArrayList<>(LINES);
    lines.subList(499, 502).clear();

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.GAP, 500, 503, "Sequences 500 to 502 are missing: record 503 (recordId " + id(503)
        + ", line 500) comes right after record 499 (line 499).");
  }

  @Test
  void detectsARemovedLastRecordOnlyAgainstTheHead() {
    List<String> lines = LINES.subList(0, SIZE - 1);

    VerificationReport alone = ChainVerifier.fromGenesis().verifyLines(lines.stream());
    VerificationReport againstHead = ChainVerifier.fromGenesis().endingAt(HEAD).verifyLines(lines.stream());

    assertThat(alone.ok()).isTrue();
    assertProblem(againstHead, Kind.TRUNCATED, 999, null, "The log stops after record 999 (line 999), before the "
        + "chain head at sequence 1000: sequence 1000 is missing at the end, or not shipped yet.");
  }

  @ParameterizedTest(name = "record {0} altered")
  @ValueSource(ints = {1, 500, 1000})
  void detectsAnAlteredRecord(int altered) {
    List<String> lines = new ArrayList<>(LINES);
    ObjectNode tree = tree(lines.get(altered - 1)).put("requester", "mallory@example.com");
    lines.set(altered - 1, tree.toString());

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.ALTERED, altered, altered, "Record " + altered + " (recordId " + id(altered)
        + ", line " + altered + ") was altered: its content hashes to " + AuditFixtures.hashOf(tree)
        + ", not to its recorded hash " + hash(altered) + ".");
  }

  @ParameterizedTest(name = "record {0} altered and re-hashed")
  @ValueSource(ints = {1, 500, 999})
  void detectsAnAlteredAndRehashedRecordAtTheNextLink(int altered) {
    List<String> lines = new ArrayList<>(LINES);
    String forgedHash = rehashed(lines, altered, tree(lines.get(altered - 1)).put("requester", "mallory@example.com"));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.INSERTED, altered + 1, altered + 1, "Record " + (altered + 1) + " (recordId "
        + id(altered + 1) + ", line " + (altered + 1) + ") does not link to record " + altered + " (line " + altered
        + "): its prevHash is " + hash(altered) + ", not " + forgedHash + ".");
  }

  @Test
  void detectsAnAlteredAndRehashedLastRecordOnlyAgainstTheHead() {
    List<String> lines = new ArrayList<>(LINES);
    String forgedHash = rehashed(lines, SIZE, tree(lines.get(SIZE - 1)).put("requester", "mallory@example.com"));

    VerificationReport alone = verify(lines);
    VerificationReport againstHead = ChainVerifier.fromGenesis().endingAt(HEAD).verifyLines(lines.stream());

    assertThat(alone.ok()).isTrue();
    assertProblem(againstHead, Kind.HEAD_MISMATCH, SIZE, SIZE, "Record 1000 (recordId " + id(SIZE)
        + ", line 1000) has hash " + forgedHash + ", but the chain head at sequence 1000 has hash " + HEAD.hash()
        + ": the log or the head was altered.");
  }

  @ParameterizedTest(name = "records {0} and its successor swapped")
  @ValueSource(ints = {1, 500, 999})
  void detectsSwappedRecords(int first) {
    List<String> lines = new ArrayList<>(LINES);
    Collections.swap(lines, first - 1, first);

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.REORDERED, first, first + 1, "Record " + (first + 1) + " (recordId " + id(first + 1)
        + ", line " + first + ") comes before record " + first + " (line " + (first + 1)
        + "): the log is out of order.");
  }

  @Test
  void detectsARecordMovedToTheEnd() {
    List<String> lines = new ArrayList<>(LINES);
    lines.add(lines.remove(9));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.REORDERED, 10, 11, "Record 11 (recordId " + id(11)
        + ", line 10) comes before record 10 (line 1000): the log is out of order.");
  }

  @Test
  void detectsARecordMovedEarlier() {
    List<String> lines = new ArrayList<>(LINES);
    lines.add(9, lines.remove(699));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.REORDERED, 10, 700, "Record 700 (recordId " + id(700)
        + ", line 10) comes before record 10 (line 11): the log is out of order.");
  }

  @ParameterizedTest(name = "forged record {0} inserted before the real one")
  @ValueSource(ints = {1, 500, 1000})
  void detectsAnInsertedRecordThatTakesARealOnesSequence(int sequence) {
    List<String> lines = new ArrayList<>(LINES);
    AuditRecord forged = forgedAfter(sequence - 1);
    lines.add(sequence - 1, AuditJson.toLine(forged));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.INSERTED, sequence + 1, sequence, "Sequence " + sequence
        + " appears twice with different content, at line " + sequence + " (recordId " + forged.recordId()
        + ") and line " + (sequence + 1) + " (recordId " + id(sequence)
        + "): one of them was inserted, or the chain forked.");
  }

  @Test
  void detectsARecordAppendedAfterTheLastOnlyAgainstTheHead() {
    List<String> lines = new ArrayList<>(LINES);
    AuditRecord forged = forgedAfter(SIZE);
    lines.add(AuditJson.toLine(forged));

    VerificationReport alone = verify(lines);
    VerificationReport againstHead = ChainVerifier.fromGenesis().endingAt(HEAD).verifyLines(lines.stream());

    assertThat(alone.ok()).isTrue();
    assertProblem(againstHead, Kind.BEYOND_HEAD, SIZE + 1, SIZE + 1, "Record 1001 (recordId " + forged.recordId()
        + ", line 1001) is beyond the chain head at sequence 1000: the operator did not write it, or the head was "
        + "read before the log.");
  }

  @ParameterizedTest(name = "record {0} replaced by one of another chain")
  @ValueSource(ints = {2, 500, 1000})
  void detectsARecordSplicedInFromAnotherChain(int sequence) {
    List<String> lines = new ArrayList<>(LINES);
    AuditRecord stranger = AuditFixtures.chain(sequence, ChainHead.genesis(), "other").get(sequence - 1);
    lines.set(sequence - 1, AuditJson.toLine(stranger));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.INSERTED, sequence, sequence, "Record " + sequence + " (recordId "
        + stranger.recordId() + ", line " + sequence + ") does not link to record " + (sequence - 1) + " (line "
        + (sequence - 1) + "): its prevHash is " + stranger.prevHash() + ", not " + hash(sequence - 1) + ".");
  }

  @ParameterizedTest(name = "record {0} duplicated")
  @ValueSource(ints = {1, 500, 1000})
  void detectsADuplicatedRecord(int duplicated) {
    List<String> lines = new ArrayList<>(LINES);
    lines.add(duplicated, lines.get(duplicated - 1));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.DUPLICATE, duplicated + 1, duplicated, "Record " + duplicated + " (recordId "
        + id(duplicated) + ") appears twice, at line " + duplicated + " and line " + (duplicated + 1) + ".");
  }

  @Test
  void detectsACopyOfALaterRecordAsADuplicate() {
    List<String> lines = new ArrayList<>(LINES);
    lines.add(9, lines.get(699));

    VerificationReport report = verify(lines);

    assertProblem(report, Kind.DUPLICATE, 10, 700,
        "Record 700 (recordId " + id(700) + ") appears twice, at line 10 and line 701.");
  }

  @ParameterizedTest(name = "record {0} duplicated, duplicates tolerated")
  @ValueSource(ints = {1, 10, 1000})
  void skipsExactDuplicatesWhenTold(int duplicated) {
    List<String> lines = new ArrayList<>(LINES);
    lines.add(duplicated, lines.get(duplicated - 1));
    lines.add(5, lines.get(800));

    VerificationReport report =
        ChainVerifier.fromGenesis().endingAt(HEAD).skippingExactDuplicates().verifyLines(lines.stream());

    assertThat(report.ok()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(SIZE);
    assertThat(report.duplicatesSkipped()).isEqualTo(2);
    assertThat(report.summary()).isEqualTo("The chain is intact: 1000 records, 2 exact duplicates skipped, up to "
        + "sequence 1000 with hash " + HEAD.hash() + ".");
  }

  @Test
  void toleratingDuplicatesStillCatchesADifferentRecordWithTheSameSequence() {
    List<String> lines = new ArrayList<>(LINES);
    AuditRecord forged = forgedAfter(499);
    lines.add(499, AuditJson.toLine(forged));

    VerificationReport report = ChainVerifier.fromGenesis().skippingExactDuplicates().verifyLines(lines.stream());

    assertThat(report.problem()).map(ChainProblem::kind).contains(Kind.INSERTED);
  }

  @Test
  void locatesProblemsByItemWhenGivenRecords() {
    List<AuditRecord> records = new ArrayList<>(CHAIN);
    records.remove(499);

    VerificationReport report = ChainVerifier.fromGenesis().verify(records);

    assertProblem(report, Kind.GAP, 500, 501, "Sequence 500 is missing: record 501 (recordId " + id(501)
        + ", item 500) comes right after record 499 (item 499).");
  }

  private static VerificationReport verify(List<String> lines) {
    return ChainVerifier.fromGenesis().verifyLines(lines.stream());
  }

  private static void assertProblem(VerificationReport report, Kind kind, long position, Integer sequence,
      String message) {
    assertThat(report.ok()).isFalse();
    ChainProblem problem = report.firstProblem();
    assertThat(problem.message()).isEqualTo(message);
    assertThat(problem.kind()).isEqualTo(kind);
    assertThat(problem.position()).isEqualTo(position);
    assertThat(problem.sequence()).isEqualTo(sequence == null ? null : sequence.longValue());
    assertThat(report.summary()).isEqualTo(message);
  }

  /** A record made up by someone who can compute SHA-256: linked to record {@code after}, correctly hashed. */
  private static AuditRecord forgedAfter(long after) {
    AuditRecord content = AuditFixtures.record("forged", after + 1).toBuilder().requester("mallory", true).build();
    return HashChain.append(content, new ChainHead(after, after == 0 ? HashChain.GENESIS_HASH : hash(after))).record();
  }

  /** Replaces the line of record {@code sequence} by {@code tree} with a hash that fits it; returns that hash. */
  private static String rehashed(List<String> lines, int sequence, ObjectNode tree) {
    String forgedHash = AuditFixtures.hashOf(tree);
    lines.set(sequence - 1, tree.put("hash", forgedHash).toString());
    return forgedHash;
  }

  private static ObjectNode tree(String line) {
    try {
      return (ObjectNode) AuditFixtures.parse(line);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static String id(long sequence) {
    return CHAIN.get((int) sequence - 1).recordId();
  }

  private static String hash(long sequence) {
    return CHAIN.get((int) sequence - 1).hash();
  }
}
