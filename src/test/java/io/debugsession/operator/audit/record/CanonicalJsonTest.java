package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

  @Test
  void sortsMembersDropsNullsAndWhitespaceAndKeepsArrayOrder() {
    JsonNode value = json("""
        { "b": [3, 1, {"z": null, "y": true}, [null, "x"]],
          "a": {"d": false, "c": null, "e": {}},
          "": 0,
          "B": [] }
        """);

    String canonical = CanonicalJson.write(value);

    assertThat(canonical)
        .isEqualTo("{\"\":0,\"B\":[],\"a\":{\"d\":false,\"e\":{}},\"b\":[3,1,{\"y\":true},[null,\"x\"]]}");
  }

  @Test
  void sortsNamesByUtf16CodeUnitsNotByCodePoints() {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 in UTF-16 but after it by code point.
    JsonNode value = json("{\"\uFB01\":1,\"\uD83D\uDE00\":2,\"\u00E9\":3,\"aa\":4,\"a\":5,\"A\":6}");

    String canonical = CanonicalJson.write(value);

    assertThat(canonical).isEqualTo("{\"A\":6,\"a\":5,\"aa\":4,\"\u00E9\":3,\"\uD83D\uDE00\":2,\"\uFB01\":1}");
  }

  @Test
  void escapesOnlyQuoteBackslashAndControlCharacters() {
    JsonNode value = json(
        "\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0000\\u0001\\u001F \\u007F \u00E9 \u20AC \uD83D\uDE00 \\u2028\"");

    String canonical = CanonicalJson.write(value);

    assertThat(canonical)
        .isEqualTo("\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0000\\u0001\\u001f \u007F \u00E9 \u20AC \uD83D\uDE00 \u2028\"");
  }

  @Test
  void writesIntegersWithAllTheirDigitsAtAnyMagnitude() {
    JsonNode value = json("[0, -0, 1, -1, 2147483648, 9007199254740993, 9223372036854775807, -9223372036854775808,"
        + " 18446744073709551616, 1.0, 1e3, -2.50E1, 0.000]");

    String canonical = CanonicalJson.write(value);

    // JCS would write 9007199254740993 as 9007199254740992 (IEEE 754 doubles); audit records keep every digit.
    assertThat(canonical).isEqualTo("[0,0,1,-1,2147483648,9007199254740993,9223372036854775807,"
        + "-9223372036854775808,18446744073709551616,1,1000,-25,0]");
  }

  @Test
  void writesJavaIntegersLikeParsedOnes() {
    ObjectNode value = JsonNodeFactory.instance.objectNode()
        .put("long", Long.MAX_VALUE)
        .put("int", 7)
        .put("big", BigInteger.TWO.pow(64))
        .put("short", (short) -3);

    String canonical = CanonicalJson.write(value);

    assertThat(canonical)
        .isEqualTo("{\"big\":18446744073709551616,\"int\":7,\"long\":9223372036854775807,\"short\":-3}");
  }

  @Test
  void isIndependentOfMemberOrder() {
    JsonNode one = json("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"},\"c\":true}");
    JsonNode other = json("{\"c\":true,\"b\":{\"y\":\"z\",\"x\":[1,2]},\"a\":1}");

    assertThat(CanonicalJson.write(other)).isEqualTo(CanonicalJson.write(one))
        .isEqualTo("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"},\"c\":true}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":1.5}         | canonical JSON holds integers only, not 1.5",
      "[-0.25]             | canonical JSON holds integers only, not -0.25",
      "[1e1001]            | canonical JSON holds integers of at most 1000 digits, not 1E+1001",
      "\"\\uD800x\"        | canonical JSON cannot hold a lone surrogate (U+D800 at index 0)",
      "{\"\\uDE00\":1}     | canonical JSON cannot hold a lone surrogate (U+DE00 at index 0)",
  })
  void refusesWhatItCannotWriteCanonically(String text, String message) {
    JsonNode value = json(text);

    assertThatThrownBy(() -> CanonicalJson.write(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static JsonNode json(String text) {
    try {
      return AuditJson.parse(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
