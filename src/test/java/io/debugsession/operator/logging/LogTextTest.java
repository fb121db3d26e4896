package io.debugsession.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What users type, in a log line: never more than one line, and never a line that starts where they choose. */
class LogTextTest {

  private static final String FORGED_RECORD = "INC-1\n{\"recordId\":\"forged\",\"sequence\":7,\"event\":\"expired\"}";

  @Test
  void quotedEscapesLineBreaksSoAForgedRecordStaysInsideTheQuotes() {
    String quoted = LogText.quoted(FORGED_RECORD);

    assertThat(quoted).isEqualTo(
        "\"INC-1\\n{\\\"recordId\\\":\\\"forged\\\",\\\"sequence\\\":7,\\\"event\\\":\\\"expired\\\"}\"");
    assertThat(quoted).doesNotContain("\n");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(ints = {0x0, 0x7, 0xa, 0xb, 0xc, 0xd, 0x1b, 0x1f, 0x7f, 0x85, 0x9f, 0x2028, 0x2029})
  void quotedAndSingleLineEscapeEveryCharacterThatMayBreakALine(int codePoint) {
    String text = "a" + (char) codePoint + "b";

    assertThat(LogText.quoted(text)).hasSize(2 + 2 + (codePoint == 0xa || codePoint == 0xd ? 2 : 6))
        .doesNotContain(String.valueOf((char) codePoint));
    assertThat(LogText.singleLine(text)).doesNotContain(String.valueOf((char) codePoint)).startsWith("a\\");
  }

  @Test
  void quotedKeepsOrdinaryTextTabsAndNonAsciiAsTheyAre() {
    assertThat(LogText.quoted("Approved by bob:\tINC-42 für Café 😀")).isEqualTo("\"Approved by bob:\tINC-42 für Café 😀\"");
  }

  @Test
  void quotedEscapesQuotesAndBackslashesSoTheValueEndsWhereItSays() {
    assertThat(LogText.quoted("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
  }

  @Test
  void singleLineLeavesTextWithoutLineBreaksUnchanged() {
    String text = "Audit records not delivered: \"quoted\" \\ as is";

    assertThat(LogText.singleLine(text)).isSameAs(text);
  }

  @Test
  void singleLineEscapesLineBreaksOnly() {
    assertThat(LogText.singleLine(FORGED_RECORD))
        .isEqualTo("INC-1\\n{\"recordId\":\"forged\",\"sequence\":7,\"event\":\"expired\"}");
  }

  @Test
  void nullIsWrittenAsNull() {
    assertThat(LogText.quoted(null)).isEqualTo("null");
    assertThat(LogText.singleLine(null)).isNull();
  }
}
