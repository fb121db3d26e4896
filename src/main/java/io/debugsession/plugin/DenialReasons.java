package io.debugsession.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * The reasons of a denial, one each, from the session's message. The operator joins them with {@code "; "}
 * (after {@code "Denied: "}); a reason may itself hold {@code "; "} inside parentheses or quotes (e.g. "allowed: a,
 * b; by p"), so only separators outside both split.
 */
final class DenialReasons {

  private static final String PREFIX = "Denied: ";

  private DenialReasons() {}

  static List<String> of(String message) {
    if (message == null || message.isBlank()) {
      return List.of();
    }
    String text = message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
    List<String> reasons = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && depth > 0) {
        depth--;
      } else if (!quoted && depth == 0 && text.startsWith("; ", i)) {
        reasons.add(text.substring(start, i).trim());
        start = i + 2;
        i++;
      }
    }
    reasons.add(text.substring(start).trim());
    return reasons.stream().filter(r -> !r.isEmpty()).toList();
  }
}
