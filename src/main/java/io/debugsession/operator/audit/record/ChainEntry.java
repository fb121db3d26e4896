package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of a log reduced to what verification compares, with the hash its content calls for; or, when
 * {@code malformed} is set, why it is not an audit record.
 */
public record ChainEntry(long position, Long sequence, String recordId, String prevHash, String hash, String computedHash,
    String malformed) {

  public static ChainEntry fromLine(long position, String line) {
    JsonNode node;
    try {
      node = AuditJson.parse(line);
    } catch (JsonProcessingException e) {
      return malformed(position, null, "it is not valid JSON (column " + e.getLocation().getColumnNr() + ": "
          + headline(e.getOriginalMessage()) + ")");
    }
    if (!(node instanceof ObjectNode object)) {
      return malformed(position, null, "it is not a JSON object");
    }
    return fromTree(position, object);
  }

  public static ChainEntry fromRecord(long position, AuditRecord record) {
    return fromTree(position, AuditJson.tree(record));
  }

  private static ChainEntry fromTree(long position, ObjectNode tree) {
    String recordId = tree.path("recordId").isTextual() ? tree.get("recordId").textValue() : null;
    JsonNode sequence = tree.path("sequence");
    if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.longValue() < 1) {
      return malformed(position, recordId, "its sequence is missing or not a positive integer");
    }
    String prevHash = hashText(tree.path("prevHash"));
    if (prevHash == null) {
      return malformed(position, recordId, "its prevHash is missing or not 64 lowercase hexadecimal digits");
    }
    String hash = hashText(tree.path("hash"));
    if (hash == null) {
      return malformed(position, recordId, "its hash is missing or not 64 lowercase hexadecimal digits");
    }
    try {
      return new ChainEntry(position, sequence.longValue(), recordId, prevHash, hash, HashChain.hashOf(tree), null);
    } catch (IllegalArgumentException e) {
      return malformed(position, recordId, "it has no canonical JSON form (" + e.getMessage() + ")");
    }
  }

  public boolean isMalformed() {
    return malformed != null;
  }

  private static ChainEntry malformed(long position, String recordId, String why) {
    return new ChainEntry(position, null, recordId, null, null, null, why);
  }

  private static String hashText(JsonNode node) {
    return node.isTextual() && ChainHead.HASH.matcher(node.textValue()).matches() ? node.textValue() : null;
  }

  /** The parser's message without the location details it appends. */
  private static String headline(String message) {
    String first = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    int detail = first.indexOf(": ");
    return detail < 0 ? first : first.substring(0, detail);
  }
}
