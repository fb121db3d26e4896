package io.debugsession.operator.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.audit.verify.ChainProblem.Kind;
import io.debugsession.operator.audit.record.AuditFixtures;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines that are not records are reported, never thrown; lines from a newer operator still verify. */
class ChainVerifierInputTest {

  private static final List<AuditRecord> CHAIN = AuditFixtures.chain(5);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "{\"recordId\":      | it is not valid JSON (column 13: Unexpected end-of-input within/between Object entries)",
      "{\"a\":1,\"a\":2}   | it is not valid JSON (column 11: Duplicate field 'a')",
      "{}{}                | it is not valid JSON (column 3: Trailing token (of type START_OBJECT) found after value "
          + "(bound as `com.fasterxml.jackson.databind.JsonNode`))",
      "nul                 | it is not valid JSON (column 1: Unrecognized token 'nul')",
      "[1,2]               | it is not a JSON object",
      "\"record\"          | it is not a JSON object",
  })
  void reportsALineThatIsNotJsonObject(String garbage, String why) {
    List<String> lines = new ArrayList<>(AuditFixtures.lines(CHAIN));
    lines.set(2, garbage);

    VerificationReport report = ChainVerifier.fromGenesis().verifyLines(lines.stream());

    assertThat(report.problem()).map(ChainProblem::kind).contains(Kind.MALFORMED);
    assertThat(report.firstProblem().position()).isEqualTo(3);
    assertThat(report.summary()).isEqualTo("Line 3 is not an audit record: " + why + ".");
    assertThat(report.recordsVerified()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "sequence  | \"3\"     | its sequence is missing or not a positive integer",
      "sequence  | 0         | its sequence is missing or not a positive integer",
      "sequence  | 3.5       | its sequence is missing or not a positive integer",
      "sequence  | 99999999999999999999 | its sequence is missing or not a positive integer",
      "prevHash  | null      | its prevHash is missing or not 64 lowercase hexadecimal digits",
      "prevHash  | \"ABC\"   | its prevHash is missing or not 64 lowercase hexadecimal digits",
      "hash      | 17        | its hash is missing or not 64 lowercase hexadecimal digits",
      "message   | 1.5       | it has no canonical JSON form (canonical JSON holds integers only, not 1.5)",
      "message   | \"\\uD800\" | it has no canonical JSON form "
          + "(canonical JSON cannot hold a lone surrogate (U+D800 at index 0))",
  })
  void reportsARecordWithoutAValidChainField(String field, String json, String why) throws JsonProcessingException {
    List<String> lines = new ArrayList<>(AuditFixtures.lines(CHAIN));
    ObjectNode tree = (ObjectNode) AuditFixtures.parse(lines.get(2));
    tree.set(field, AuditFixtures.parse(json));
    lines.set(2, tree.toString());

    VerificationReport report = ChainVerifier.fromGenesis().verifyLines(lines.stream());

    assertThat(report.firstProblem()).isEqualTo(new ChainProblem(Kind.MALFORMED, 3, null, CHAIN.get(2).recordId(),
        "Line 3 is not an audit record: " + why + "."));
  }

  @Test
  void ignoresBlankLinesButCountsThem() {
    List<String> lines = new ArrayList<>(AuditFixtures.lines(CHAIN));
    lines.add(0, "");
    lines.add(3, "   ");
    lines.add("");
    lines.remove(4);

    VerificationReport report = ChainVerifier.fromGenesis().verifyLines(lines.stream());

    assertThat(report.summary()).isEqualTo("Sequence 3 is missing: record 4 (recordId " + CHAIN.get(3).recordId()
        + ", line 5) comes right after record 2 (line 3).");
  }

  @Test
  void verifiesMembersThisVersionDoesNotKnow() throws JsonProcessingException {
    List<String> lines = new ArrayList<>(AuditFixtures.lines(CHAIN.subList(0, 4)));
    ObjectNode newer = (ObjectNode) AuditFixtures.parse(AuditJson.toLine(AuditFixtures.record("newer", 5)
        .withChain(5, CHAIN.get(3).hash())));
    newer.putObject("attachment").put("user", "alice@example.com").put("sessions", 2);
    newer.put("hash", AuditFixtures.hashOf(newer));
    lines.add(newer.toString());

    VerificationReport report = ChainVerifier.fromGenesis().verifyLines(lines.stream());

    assertThat(report.ok()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(5);
  }

  @Test
  void reportsAnUnchainedRecord() {
    VerificationReport report = ChainVerifier.fromGenesis().verify(List.of(AuditFixtures.requested()));

    assertThat(report.summary())
        .isEqualTo("Item 1 is not an audit record: its sequence is missing or not a positive integer.");
  }
}
