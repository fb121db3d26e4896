package io.debugsession.operator.audit.chain;

import static io.debugsession.operator.audit.record.AuditFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debugsession.operator.audit.record.AuditFixtures;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.record.HashChain;
import io.debugsession.operator.audit.sink.SpooledRecord;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trail's state as the cluster keeps it: chaining, recognising records seen before, the outbox, the data. */
class ChainStateTest {

  private static final String GENESIS = HashChain.GENESIS_HASH;

  // --- append

  @Test
  void appendChainsTheRecordsInOrderAfterTheHead() {
    ChainState state = ChainState.genesis();

    ChainState.Appended appended = state.append(List.of(record("a", 1), record("a", 2)));

    List<AuditRecord> chained = appended.records();
    assertThat(chained).extracting(AuditRecord::sequence).containsExactly(1L, 2L);
    assertThat(chained.get(0).prevHash()).isEqualTo(GENESIS);
    assertThat(chained.get(1).prevHash()).isEqualTo(chained.get(0).hash());
    assertThat(chained).isEqualTo(AuditFixtures.chain(2, ChainHead.genesis(), "a"));
    assertThat(appended.state().head()).isEqualTo(new ChainHead(2, chained.get(1).hash()));
    assertThat(appended.state().recentIds())
        .containsExactlyInAnyOrder(chained.get(0).recordId(), chained.get(1).recordId());
  }

  @Test
  void appendContinuesFromAHeadOtherThanTheGenesis() {
    ChainHead head = new ChainHead(41, "ab".repeat(32));
    ChainState state = new ChainState(head, List.of(), List.of());

    ChainState.Appended appended = state.append(List.of(record("a", 42)));

    assertThat(appended.records()).singleElement().satisfies(r -> {
      assertThat(r.sequence()).isEqualTo(42L);
      assertThat(r.prevHash()).isEqualTo("ab".repeat(32));
      assertThat(r.hash()).isEqualTo(HashChain.hashOf(r));
    });
    assertThat(appended.state().head()).isEqualTo(new ChainHead(42, appended.records().get(0).hash()));
  }

  @Test
  void appendPutsTheChainedRecordsInTheOutboxAsTheirExactJsonLines() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state();

    ChainState.Appended appended = state.append(List.of(record("a", 2), record("a", 3)));

    List<AuditRecord> all = AuditFixtures.chain(3, ChainHead.genesis(), "a");
    assertThat(appended.state().outbox()).containsExactly(
        new SpooledRecord(all.get(0).recordId(), 1, AuditJson.toLine(all.get(0))),
        new SpooledRecord(all.get(1).recordId(), 2, AuditJson.toLine(all.get(1))),
        new SpooledRecord(all.get(2).recordId(), 3, AuditJson.toLine(all.get(2))));
  }

  @Test
  void appendSkipsARecordWhoseIdWasRecordedBefore() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state();

    ChainState.Appended appended = state.append(List.of(record("a", 1), record("a", 2)));

    assertThat(appended.records()).singleElement().satisfies(r -> {
      assertThat(r.recordId()).isEqualTo(record("a", 2).recordId());
      assertThat(r.sequence()).isEqualTo(2L);
    });
    assertThat(appended.state().outbox()).extracting(SpooledRecord::sequence).containsExactly(1L, 2L);
  }

  @Test
  void appendSkipsTheSecondOfTwoRecordsWithOneIdInOneCall() {
    ChainState.Appended appended = ChainState.genesis().append(List.of(record("a", 1), record("a", 1)));

    assertThat(appended.records()).hasSize(1);
    assertThat(appended.state().head().sequence()).isEqualTo(1);
  }

  @Test
  void appendOfRecordsAllSeenBeforeReturnsTheSameStateAndNoRecords() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2))).state();

    ChainState.Appended appended = state.append(List.of(record("a", 2), record("a", 1)));

    assertThat(appended.records()).isEmpty();
    assertThat(appended.state()).isSameAs(state);
  }

  @Test
  void appendKeepsTheIdOfEachChainedRecordAmongTheRecentOnes() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state();

    assertThat(state.recentIds().contains(record("a", 1).recordId())).isTrue();
    assertThat(state.recentIds().contains(record("a", 2).recordId())).isFalse();
  }

  @Test
  void theRecentRecordsAreKeptUpToTheirByteLimitSoTheOldestIsForgotten() {
    ChainState state = ChainState.genesis();
    for (long n = 1; n <= 3; n++) {
      state = state.append(List.of(bigRecord(n, 80 * 1024))).state().deliveredThrough(n);
    }

    assertThat(state.recent()).extracting(SpooledRecord::sequence).containsExactly(2L, 3L);
    assertThat(ChainState.outboxBytes(state.recent())).isLessThanOrEqualTo(ChainState.RECENT_LIMIT_BYTES);
    assertThat(state.recentIds()).doesNotContain(bigRecord(1, 1).recordId());
    assertThat(state.append(List.of(bigRecord(1, 1))).records()).singleElement()
        .extracting(AuditRecord::sequence).isEqualTo(4L);
  }

  @Test
  void severalAppendsMakeAChainTheVerifierAccepts() {
    ChainState state = ChainState.genesis();
    List<String> log = new ArrayList<>();
    for (int batch = 0; batch < 4; batch++) {
      ChainState.Appended appended = state.append(List.of(record("v", 3L * batch), record("v", 3L * batch + 1),
          record("v", 3L * batch + 2)));
      appended.state().outbox().forEach(r -> log.add(r.json())); // the outbox held nothing else
      state = appended.state().deliveredThrough(appended.state().head().sequence());
    }

    VerificationReport report = ChainVerifier.fromGenesis().endingAt(state.head()).verifyLines(log.stream());

    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(12);
    assertThat(report.reached()).isEqualTo(state.head());
  }

  // --- the outbox limit

  @Test
  void appendAcceptsRecordsThatFillTheOutboxExactlyToTheLimit() {
    AuditRecord next = record("a", 2);
    ChainState state = ChainState.genesis()
        .append(List.of(recordWithLineOf(ChainState.OUTBOX_LIMIT_BYTES - lineBytesAfterOne(next) - 1))).state();

    ChainState.Appended appended = state.append(List.of(next));

    assertThat(appended.records()).hasSize(1);
    assertThat(ChainState.outboxBytes(appended.state().outbox())).isEqualTo(ChainState.OUTBOX_LIMIT_BYTES);
  }

  @Test
  void appendRefusesToGrowTheOutboxOneByteBeyondTheLimit() {
    AuditRecord next = record("a", 2);
    ChainState state = ChainState.genesis()
        .append(List.of(recordWithLineOf(ChainState.OUTBOX_LIMIT_BYTES - lineBytesAfterOne(next)))).state();

    assertThatThrownBy(() -> state.append(List.of(next)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("the audit outbox holds 1 records (" + (ChainState.OUTBOX_LIMIT_BYTES + 1) + " bytes with these)"
            + " that the audit sinks have not taken yet; its limit is " + ChainState.OUTBOX_LIMIT_BYTES + " bytes");
  }

  @Test
  void theOutboxLimitCountsUtf8BytesAsTheConfigMapStoresThemNotCharacters() {
    // "€" is one character and three bytes: 250,000 of them are below the limit as characters, above it as bytes.
    AuditRecord euros = record("big", 1).toBuilder().recordId(record("big", 1).recordId())
        .message("€".repeat(250_000)).build();

    assertThatThrownBy(() -> ChainState.genesis().append(List.of(euros)))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageContaining("its limit is " + ChainState.OUTBOX_LIMIT_BYTES + " bytes");
  }

  @Test
  void appendRefusesWhenTheSinksAreFarBehindAndAcceptsAgainOnceTheyCaughtUp() {
    ChainState state = ChainState.genesis();
    for (int n = 1; n <= 3; n++) {
      state = state.append(List.of(bigRecord(n, 150 * 1024))).state();
    }
    ChainState behind = state;

    assertThatThrownBy(() -> behind.append(List.of(bigRecord(4, 150 * 1024))))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessageStartingWith("the audit outbox holds 3 records (");
    ChainState.Appended caughtUp = behind.deliveredThrough(3).append(List.of(bigRecord(4, 150 * 1024)));
    assertThat(caughtUp.records()).singleElement().extracting(AuditRecord::sequence).isEqualTo(4L);
  }

  // --- deliveredThrough

  @Test
  void deliveredThroughMovesTheOutboxRecordsUpToTheSequenceToTheRecentOnes() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2), record("a", 3))).state();

    ChainState delivered = state.deliveredThrough(2);

    assertThat(delivered.outbox()).extracting(SpooledRecord::sequence).containsExactly(3L);
    assertThat(delivered.recent()).containsExactlyElementsOf(state.outbox().subList(0, 2));
    assertThat(delivered.head()).isEqualTo(state.head());
    assertThat(delivered.recentIds()).isEqualTo(state.recentIds());
  }

  @Test
  void deliveredThroughTheHeadEmptiesTheOutboxButKeepsTheIds() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2))).state();

    ChainState delivered = state.deliveredThrough(2);

    assertThat(delivered.outbox()).isEmpty();
    assertThat(delivered.recentIds()).hasSize(2);
    assertThat(delivered.recentIds().contains(record("a", 2).recordId())).isTrue();
  }

  @Test
  void deliveredThroughNothingNewReturnsTheSameState() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2))).state()
        .deliveredThrough(1);

    assertThat(state.deliveredThrough(0)).isSameAs(state);
    assertThat(state.deliveredThrough(1)).isSameAs(state);
  }

  // --- toData and fromData

  @Test
  void toDataWritesTheHeadAndTheRecentAndOutboxRecordsAsJsonLines() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2), record("a", 3))).state()
        .deliveredThrough(1);
    List<AuditRecord> chain = AuditFixtures.chain(3, ChainHead.genesis(), "a");

    Map<String, String> data = state.toData();

    assertThat(data).containsOnlyKeys("sequence", "hash", "recent.jsonl", "outbox.jsonl");
    assertThat(data).containsEntry("sequence", "3").containsEntry("hash", chain.get(2).hash());
    assertThat(data.get("recent.jsonl")).isEqualTo(AuditJson.toLine(chain.get(0)) + "\n");
    assertThat(data.get("outbox.jsonl"))
        .isEqualTo(AuditJson.toLine(chain.get(1)) + "\n" + AuditJson.toLine(chain.get(2)) + "\n");
  }

  @Test
  void fromDataReadsBackWhatToDataWroteWithTheOutboxLinesByteForByte() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2), record("a", 3))).state()
        .deliveredThrough(1);

    ChainState read = ChainState.fromData(state.toData());

    assertThat(read).isEqualTo(state);
    assertThat(read.outbox()).extracting(SpooledRecord::json)
        .containsExactlyElementsOf(state.outbox().stream().map(SpooledRecord::json).toList());
    assertThat(read.toData()).isEqualTo(state.toData());
  }

  @Test
  void fromDataKeepsAnOutboxLineExactlyAsStoredEvenIfItWouldBeWrittenOtherwise() {
    AuditRecord chained = HashChain.append(record("a", 1), ChainHead.genesis()).record();
    // The same record with its members in another order: equal content, other bytes.
    String line = AuditJson.toLine(chained).replaceFirst("^\\{(\"recordId\":\"[^\"]*\"),", "{")
        .replaceFirst("}$", ",\"recordId\":\"" + chained.recordId() + "\"}");
    Map<String, String> data = new HashMap<>(new ChainHead(1, chained.hash()).toMap());
    data.put("recent.jsonl", "");
    data.put("outbox.jsonl", line + "\n");

    ChainState read = ChainState.fromData(data);

    assertThat(line).isNotEqualTo(AuditJson.toLine(chained));
    assertThat(read.outbox()).containsExactly(new SpooledRecord(chained.recordId(), 1, line));
    assertThat(read.toData().get("outbox.jsonl")).isEqualTo(line + "\n");
  }

  @Test
  void anEmptyStateGoesToDataAndBack() {
    ChainState empty = ChainState.genesis();

    Map<String, String> data = empty.toData();

    assertThat(data).isEqualTo(Map.of("sequence", "0", "hash", GENESIS, "recent.jsonl", "", "outbox.jsonl", ""));
    assertThat(ChainState.fromData(data)).isEqualTo(empty);
  }

  @Test
  void fromDataRefusesDataWithoutTheHeadRatherThanStartingANewChain() {
    Map<String, String> data = new HashMap<>(ChainState.genesis().append(List.of(record("a", 1))).state().toData());
    data.remove("hash");

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head data must have the keys sequence and hash");
  }

  @ParameterizedTest
  @ValueSource(strings = {"outbox.jsonl", "recent.jsonl"})
  void fromDataRefusesDataMissingAKeyEverySaveWritesRatherThanLoseWhatItHeld(String key) {
    Map<String, String> data = new HashMap<>(ChainState.genesis().append(List.of(record("a", 1))).state().toData());
    data.remove(key);

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain state data must have the keys recent.jsonl and outbox.jsonl");
  }

  @Test
  void fromDataRefusesEmptyData() {
    assertThatThrownBy(() -> ChainState.fromData(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head data must have the keys sequence and hash");
  }

  @Test
  void fromDataRefusesAnOutboxRecordBeyondTheHead() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2))).state();
    Map<String, String> data = new HashMap<>(state.toData());
    data.putAll(new ChainHead(1, AuditFixtures.chain(1, ChainHead.genesis(), "a").get(0).hash()).toMap());

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the stored records are not the chain's last records up to its head: ");
  }

  @Test
  void fromDataRefusesAnUnchainedOutboxRecord() {
    Map<String, String> data = new HashMap<>(ChainState.genesis().toData());
    data.put("outbox.jsonl", AuditJson.toLine(record("a", 1)) + "\n");

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stored record " + record("a", 1).recordId() + " is not chained");
  }

  // --- only what is really in the chain is recognised

  @Test
  void anIdListedWithoutItsRecordIsChainedAndNotSkipped() {
    // Someone who may edit the ConfigMap lists the (predictable) id of a record the operator has yet to write.
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state().deliveredThrough(1);
    Map<String, String> data = new HashMap<>(state.toData());
    data.put("recentRecordIds", record("a", 2).recordId());

    ChainState.Appended appended = ChainState.fromData(data).append(List.of(record("a", 2)));

    assertThat(appended.records()).singleElement().extracting(AuditRecord::sequence).isEqualTo(2L);
  }

  @Test
  void aStateWrittenBeforeTheRecordsWereKeptWholeRecognisesNoBareIds() {
    // Earlier versions kept bare ids in recentRecordIds, and no recent records.
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state().deliveredThrough(1);
    Map<String, String> legacy = new HashMap<>(state.toData());
    legacy.remove("recent.jsonl");
    legacy.put("recentRecordIds", record("a", 1).recordId());

    ChainState read = ChainState.fromData(legacy);

    assertThat(read.head()).isEqualTo(state.head());
    assertThat(read.recent()).isEmpty();
    assertThat(read.append(List.of(record("a", 1))).records()).hasSize(1);
  }

  @Test
  void fromDataRefusesARecentRecordThatWasAltered() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2))).state()
        .deliveredThrough(2);
    Map<String, String> data = new HashMap<>(state.toData());
    data.put("recent.jsonl", data.get("recent.jsonl").replace("\"message\":\"", "\"message\":\"x"));

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the stored records are not the chain's last records up to its head: Record 1 ")
        .hasMessageContaining("was altered");
  }

  @Test
  void fromDataRefusesARecordPlacedAmongTheRecentOnesWithoutMovingTheHead() {
    // A forged record with a future id, chained properly after the last one, but the head left where it was.
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state().deliveredThrough(1);
    AuditRecord forged = HashChain.append(record("a", 2), state.head()).record();
    Map<String, String> data = new HashMap<>(state.toData());
    data.put("recent.jsonl", data.get("recent.jsonl") + AuditJson.toLine(forged) + "\n");

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the stored records are not the chain's last records up to its head: ");
  }

  @Test
  void fromDataRefusesRecentRecordsThatDoNotLinkToOneAnother() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1), record("a", 2), record("a", 3))).state()
        .deliveredThrough(3);
    List<String> lines = List.of(state.toData().get("recent.jsonl").split("\n"));
    Map<String, String> data = new HashMap<>(state.toData());
    data.put("recent.jsonl", lines.get(0) + "\n" + lines.get(2) + "\n");

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the stored records are not the chain's last records up to its head: ");
  }

  @Test
  void fromDataRefusesAnOutboxLineThatIsNotJson() {
    ChainState state = ChainState.genesis().append(List.of(record("a", 1))).state();
    Map<String, String> data = new HashMap<>(state.toData());
    data.put("outbox.jsonl", data.get("outbox.jsonl") + "{\"recordId\":\"truncated\n");

    assertThatThrownBy(() -> ChainState.fromData(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an audit record: ");
  }

  // --- helpers

  /** An unchained record whose JSON line, chained right after the genesis, is exactly {@code length} characters. */
  private static AuditRecord recordWithLineOf(int length) {
    AuditRecord probe = bigRecord(1, 1);
    int probeLength = AuditJson.toLine(HashChain.append(probe, ChainHead.genesis()).record()).length();
    AuditRecord sized = bigRecord(1, 1 + length - probeLength);
    assertThat(AuditJson.toLine(HashChain.append(sized, ChainHead.genesis()).record())).hasSize(length);
    return sized;
  }

  /** The outbox bytes {@code record} takes (its line and newline) when chained at sequence 2. */
  private static int lineBytesAfterOne(AuditRecord record) {
    return AuditJson.toLine(HashChain.append(record, new ChainHead(1, GENESIS)).record()).length() + 1;
  }

  /** A record with a message of {@code messageLength} ASCII characters and a deterministic id. */
  private static AuditRecord bigRecord(long n, int messageLength) {
    return record("big", n).toBuilder()
        .recordId(record("big", n).recordId())
        .message("x".repeat(messageLength))
        .build();
  }
}
