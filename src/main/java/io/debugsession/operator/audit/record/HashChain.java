package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Links records into a hash chain. A record's hash is the lowercase hex SHA-256 of the UTF-8 bytes of
 * <pre>prevHash + "\n" + CanonicalJson(record without its top-level "hash" member)</pre>
 * where the canonical JSON includes {@code sequence} and {@code prevHash} themselves and every other member the
 * record has, known to this version or not. The first record (sequence 1) has {@link #GENESIS_HASH} as prevHash.
 */
public final class HashChain {

  /** The prevHash of the first record: 64 zeros. */
  public static final String GENESIS_HASH = "0".repeat(64);

  /** A record placed in the chain, and the chain's new head. */
  public record Appended(AuditRecord record, ChainHead head) {}

  private HashChain() {}

  /**
   * Places {@code unchained} right after {@code head}: sequence head+1, prevHash the head's hash, and its own hash.
   * To retry after losing the race for the head, append the same unchained record to the new head.
   */
  public static Appended append(AuditRecord unchained, ChainHead head) {
    if (unchained.isChained()) {
      throw new IllegalArgumentException("audit record " + unchained.recordId() + " is already chained (sequence "
          + unchained.sequence() + ")");
    }
    AuditRecord linked = unchained.withChain(Math.addExact(head.sequence(), 1), head.hash());
    AuditRecord chained = linked.withHash(hashOf(linked));
    return new Appended(chained, new ChainHead(chained.sequence(), chained.hash()));
  }

  /** The hash {@code record}'s content calls for (whatever its hash field says). */
  public static String hashOf(AuditRecord record) {
    return hashOf(AuditJson.tree(record));
  }

  /** The hash a record's JSON tree calls for; IllegalArgumentException if it has no prevHash or no canonical form. */
  static String hashOf(ObjectNode record) {
    return sha256Hex(preimage(record));
  }

  /** The exact text that is hashed. */
  static String preimage(ObjectNode record) {
    if (!record.path("prevHash").isTextual()) {
      throw new IllegalArgumentException("the record has no prevHash: chain it first");
    }
    ObjectNode withoutHash = JsonNodeFactory.instance.objectNode();
    withoutHash.setAll(record);
    withoutHash.remove("hash");
    return record.get("prevHash").textValue() + "\n" + CanonicalJson.write(withoutHash);
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
