package io.debugsession.operator.logging;

/**
 * Text from outside the operator (what a user typed: reasons, names, commands; what a server or receiver answered)
 * made safe for a log line. The audit trail's records are bare JSON lines on the same stdout, and a log shipper splits
 * it at line breaks: a line break in a reason would let its author start a line of their choosing, a forged record
 * among the real ones. So every line break and other control character is escaped, and a value is quoted, so that
 * where it ends is plain too.
 */
public final class LogText {

  private LogText() {}

  /** {@code text} as a JSON string literal: in double quotes, with {@code "}, {@code \} and controls escaped. */
  public static String quoted(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else {
        escape(quoted, c);
      }
    }
    return quoted.append('"').toString();
  }

  /** {@code text} on one line: its control characters escaped as in JSON, everything else as it is. */
  public static String singleLine(String text) {
    if (text == null || text.chars().noneMatch(c -> breaksLine((char) c))) {
      return text;
    }
    StringBuilder line = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      escape(line, text.charAt(i));
    }
    return line.toString();
  }

  /**
   * Whether {@code c} is a control character or a line separator some reader may break a line at: C0 and C1 controls,
   * DEL, U+2028 and U+2029. A tab is let through: it breaks no line.
   */
  static boolean breaksLine(char c) {
    return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029';
  }

  private static void escape(StringBuilder out, char c) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      default -> {
        if (breaksLine(c)) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
  }
}
