package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one serialisation the audit hash is computed over: RFC 8785 (JCS) for everything audit records hold, with two
 * documented differences. Same rules as JCS: object members sorted by their names compared as sequences of UTF-16
 * code units ({@link String#compareTo}); no whitespace; strings as UTF-8 with only {@code "}, {@code \} and the
 * control characters U+0000..U+001F escaped ({@code \b \t \n \f \r} by name, the others as <code>&#92;u00xx</code> in
 * lowercase hex), everything else (DEL, non-ASCII, U+2028) written as is; a lone surrogate is an error.
 * Differences from JCS: (1) members whose value is null are left out (NON_NULL), at every depth; nulls inside arrays
 * stay; (2) numbers must be integers and are written with all their digits, without exponent or fraction, at any
 * magnitude (JCS would round beyond 2^53); a number with a fractional part is an error. An integer written as 1.0 or
 * 1e3 is the integer 1 or 1000.
 */
public final class CanonicalJson {

  /** Longer integers are refused rather than expanded (1e1000000000 is a short text but a huge number). */
  static final int MAX_INTEGER_DIGITS = 1000;

  private CanonicalJson() {}

  /** The canonical text of {@code value}; IllegalArgumentException if it holds what canonical JSON cannot write. */
  public static String write(JsonNode value) {
    StringBuilder out = new StringBuilder();
    append(value, out);
    return out.toString();
  }

  private static void append(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> appendObject(node, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          append(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> appendString(node.textValue(), out);
      case NUMBER -> out.append(integerText(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("canonical JSON has no " + node.getNodeType() + " values");
    }
  }

  private static void appendObject(JsonNode node, StringBuilder out) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (!member.getValue().isNull()) {
        names.add(member.getKey());
      }
    }
    names.sort(String::compareTo);
    out.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      appendString(names.get(i), out);
      out.append(':');
      append(node.get(names.get(i)), out);
    }
    out.append('}');
  }

  private static void appendString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new IllegalArgumentException(
                String.format("canonical JSON cannot hold a lone surrogate (U+%04X at index %d)", (int) c, i));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String integerText(JsonNode number) {
    if (number.isIntegralNumber()) {
      return number.bigIntegerValue().toString();
    }
    if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
      throw new IllegalArgumentException("canonical JSON holds integers only, not " + number.doubleValue());
    }
    return exactInteger(number.decimalValue()).toString();
  }

  /** {@code value} as an integer, or IllegalArgumentException if it has a fraction or too many digits. */
  static BigInteger exactInteger(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 0) {
      throw new IllegalArgumentException("canonical JSON holds integers only, not " + value);
    }
    if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
      throw new IllegalArgumentException("canonical JSON holds integers of at most " + MAX_INTEGER_DIGITS
          + " digits, not " + value);
    }
    return stripped.toBigIntegerExact();
  }
}
