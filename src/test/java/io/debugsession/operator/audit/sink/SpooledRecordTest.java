package io.debugsession.operator.audit.sink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only what the spool can store as one line and read back unchanged is a record. */
class SpooledRecordTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"a\":1,\n\"b\":2}", " {\"a\":1}", "[1,2]", "", "\"text\""})
  void rejectsWhatIsNotAnObjectOnOneLine(String json) {
    assertThatThrownBy(() -> new SpooledRecord("r-1", 1, json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record r-1 must be a JSON object on a single line, without surrounding whitespace");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"a\":}", "{\"a\":1}{\"b\":2}", "{\"a\":NaN}"})
  void rejectsMalformedJson(String json) {
    assertThatThrownBy(() -> new SpooledRecord("r-1", 1, json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("record r-1 ");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", " ", "a\tb"})
  void rejectsUnusableRecordIds(String recordId) {
    assertThatThrownBy(() -> new SpooledRecord(recordId, 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recordId \"" + recordId + "\" must be 1 to 256 characters without control characters");
  }
}
