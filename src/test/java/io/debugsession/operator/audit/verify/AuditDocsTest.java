package io.debugsession.operator.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.debugsession.operator.audit.record.AuditFixtures;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.record.HashChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/audit.md is a contract for auditors: its example must be what the code writes, and must verify. */
class AuditDocsTest {

  private static final Path DOC = Path.of("docs", "audit.md");

  @Test
  void theExampleRecordsAreWhatTheChainWritesAndTheyVerify() throws IOException {
    List<JsonNode> documented = new ArrayList<>();
    Matcher json = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (json.find()) {
      documented.add(AuditFixtures.parse(json.group(1)));
    }
    HashChain.Appended first = HashChain.append(AuditFixtures.requested(), ChainHead.genesis());
    HashChain.Appended second = HashChain.append(AuditFixtures.injected(), first.head());

    VerificationReport report = ChainVerifier.fromGenesis().endingAt(second.head())
        .verifyLines(documented.stream().map(JsonNode::toString));

    assertThat(documented).map(JsonNode::toString)
        .containsExactly(AuditJson.toLine(first.record()), AuditJson.toLine(second.record()));
    assertThat(report.ok()).as(report.summary()).isTrue();
  }

  @Test
  void theDocumentedPreimageIsTheFirstRecordsPreimage() throws IOException {
    String preimage = AuditFixtures.preimage(
        HashChain.append(AuditFixtures.requested(), ChainHead.genesis()).record());

    assertThat(Files.readString(DOC)).contains("```\n" + preimage + "\n```");
  }
}
