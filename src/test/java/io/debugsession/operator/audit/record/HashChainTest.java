package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashChainTest {

  private static final String GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";

  /** The canonical form of AuditFixtures.requested() at sequence 1, written out by hand. */
  private static final String REQUESTED_CANONICAL = "{\"debugContainer\":{\"image\":\"busybox:1.37\"},"
      + "\"event\":\"requested\",\"operatorVersion\":\"0.1.0\",\"policies\":[\"prod-debugging\"],"
      + "\"prevHash\":\"" + GENESIS + "\",\"profile\":\"restricted\",\"reason\":\"INC-4711: checkout p99 latency\","
      + "\"recordId\":\"3c1f7a52-8e04-4b6a-b0d9-6f2e1a9c4d87\",\"requester\":\"alice@example.com\","
      + "\"requesterVerified\":true,\"securityContext\":{\"allowPrivilegeEscalation\":false,"
      + "\"capabilities\":{\"drop\":[\"ALL\"]},\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
      + "\"sequence\":1,\"session\":{\"name\":\"checkout-latency\",\"namespace\":\"shop\","
      + "\"uid\":\"0f6f2c1e-6b1a-4c3e-9a57-2a4d8f0c9b11\"},\"target\":{\"container\":\"app\","
      + "\"pod\":\"checkout-6c9f8d7b5-x2x9q\"},\"time\":\"2026-11-27T10:15:02.417Z\",\"ttl\":\"15m\"}";

  /** sha256sum of GENESIS + "\n" + REQUESTED_CANONICAL, computed outside Java (coreutils) and pinned. */
  private static final String REQUESTED_HASH = "8c5fe377880af7768605688433d5c79989c03df6eafecc66db7fc43c0fcd0d90";

  /** The hash of AuditFixtures.injected() after the requested record, computed once and pinned. */
  private static final String INJECTED_HASH = "69578f6dc98f0be7b25d17cfeec2e2ae13bb0f5c0b9ddc86e8d7121853c9caa0";

  @Test
  void genesisIsSixtyFourZeros() {
    assertThat(HashChain.GENESIS_HASH).isEqualTo(GENESIS);
    assertThat(ChainHead.genesis()).isEqualTo(new ChainHead(0, GENESIS));
  }

  @Test
  void hashesPrevHashNewlineAndTheCanonicalRecordWithoutItsHash() {
    AuditRecord chained = HashChain.append(AuditFixtures.requested(), ChainHead.genesis()).record();

    assertThat(HashChain.preimage(AuditJson.tree(chained))).isEqualTo(GENESIS + "\n" + REQUESTED_CANONICAL);
    assertThat(chained.hash()).isEqualTo(REQUESTED_HASH);
  }

  @Test
  void appendsAfterTheHeadAndReturnsTheNewHead() {
    HashChain.Appended first = HashChain.append(AuditFixtures.requested(), ChainHead.genesis());

    HashChain.Appended second = HashChain.append(AuditFixtures.injected(), first.head());

    assertThat(first.head()).isEqualTo(new ChainHead(1, REQUESTED_HASH));
    assertThat(second.record().sequence()).isEqualTo(2L);
    assertThat(second.record().prevHash()).isEqualTo(REQUESTED_HASH);
    assertThat(second.record().hash()).isEqualTo(INJECTED_HASH);
    assertThat(second.head()).isEqualTo(new ChainHead(2, INJECTED_HASH));
    assertThat(second.record()).usingRecursiveComparison().ignoringFields("sequence", "prevHash", "hash")
        .isEqualTo(AuditFixtures.injected());
  }

  @ParameterizedTest(name = "member order shuffled with seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 4711})
  void hashDoesNotDependOnMemberOrder(long seed) throws JsonProcessingException {
    AuditRecord chained = HashChain.append(AuditFixtures.requested(), ChainHead.genesis()).record();
    JsonNode shuffled = shuffle(AuditJson.parse(AuditJson.toLine(chained)), new Random(seed));

    String hash = HashChain.hashOf((ObjectNode) shuffled);

    assertThat(hash).isEqualTo(REQUESTED_HASH);
  }

  @Test
  void hashIgnoresTheHashFieldButCoversEveryOtherMember() {
    AuditRecord chained = HashChain.append(AuditFixtures.requested(), ChainHead.genesis()).record();
    ObjectNode tree = AuditJson.tree(chained);

    assertThat(HashChain.hashOf(tree.deepCopy().put("hash", "whatever"))).isEqualTo(REQUESTED_HASH);
    assertThat(HashChain.hashOf(tree.deepCopy().put("requester", "mallory"))).isNotEqualTo(REQUESTED_HASH);
    assertThat(HashChain.hashOf(tree.deepCopy().put("sequence", 2))).isNotEqualTo(REQUESTED_HASH);
    assertThat(HashChain.hashOf(tree.deepCopy().put("futureField", "x"))).isNotEqualTo(REQUESTED_HASH);
    assertThat(HashChain.hashOf(tree.deepCopy().put("prevHash", "1" + GENESIS.substring(1))))
        .isNotEqualTo(REQUESTED_HASH);
  }

  @Test
  void hashOfARecordIsTheHashAppendGaveIt() {
    AuditRecord chained = HashChain.append(AuditFixtures.injected(), new ChainHead(1, REQUESTED_HASH)).record();

    assertThat(HashChain.hashOf(chained)).isEqualTo(chained.hash()).isEqualTo(INJECTED_HASH);
  }

  @Test
  void refusesToAppendAChainedRecord() {
    AuditRecord chained = HashChain.append(AuditFixtures.requested(), ChainHead.genesis()).record();

    assertThatThrownBy(() -> HashChain.append(chained, new ChainHead(1, REQUESTED_HASH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("audit record 3c1f7a52-8e04-4b6a-b0d9-6f2e1a9c4d87 is already chained (sequence 1)");
  }

  @Test
  void refusesToHashAnUnchainedRecord() {
    assertThatThrownBy(() -> HashChain.hashOf(AuditFixtures.requested()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the record has no prevHash: chain it first");
  }

  @Test
  void headGoesToAConfigMapsDataAndBack() {
    ChainHead head = new ChainHead(1000, REQUESTED_HASH);

    Map<String, String> data = head.toMap();

    assertThat(data).containsExactlyInAnyOrderEntriesOf(Map.of("sequence", "1000", "hash", REQUESTED_HASH));
    assertThat(ChainHead.fromMap(data)).isEqualTo(head);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "-1", "01", "1.0", "x", "99999999999999999999"})
  void refusesADamagedSequence(String sequence) {
    Map<String, String> data = Map.of("sequence", sequence, "hash", REQUESTED_HASH);

    assertThatThrownBy(() -> ChainHead.fromMap(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head sequence \"" + sequence + "\" is not a non-negative integer");
  }

  @Test
  void refusesADamagedHash() {
    Map<String, String> data = Map.of("sequence", "3", "hash", REQUESTED_HASH.toUpperCase());

    assertThatThrownBy(() -> ChainHead.fromMap(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head hash \"" + REQUESTED_HASH.toUpperCase() + "\" is not 64 lowercase hexadecimal digits");
  }

  @Test
  void refusesDataWithoutTheKeysRatherThanRestartingTheChain() {
    assertThatThrownBy(() -> ChainHead.fromMap(Map.of("sequence", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chain head data must have the keys sequence and hash");
  }

  /** The same JSON with the members of every object in a random order. */
  private static JsonNode shuffle(JsonNode node, Random random) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.shuffle(names, random);
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      names.forEach(name -> copy.set(name, shuffle(node.get(name), random)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(shuffle(element, random)));
      return copy;
    }
    return node;
  }
}
