package io.debugsession.operator.audit.record;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The end of the chain: the last record's sequence and hash. The operator keeps it in the cluster (a ConfigMap's
 * data, {@link #toMap()}) and replaces it with optimistic concurrency, so two writers cannot both extend one head.
 * Sequence 0 with {@link HashChain#GENESIS_HASH} is the head of an empty chain.
 */
public record ChainHead(long sequence, String hash) {

  public static final String SEQUENCE_KEY = "sequence";
  public static final String HASH_KEY = "hash";

  static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  public ChainHead {
    if (sequence < 0) {
      throw new IllegalArgumentException("chain head sequence " + sequence + " is negative");
    }
    if (hash == null || !HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("chain head hash \"" + hash + "\" is not 64 lowercase hexadecimal digits");
    }
  }

  /** The head before the first record. */
  public static ChainHead genesis() {
    return new ChainHead(0, HashChain.GENESIS_HASH);
  }

  /** The head as a ConfigMap's data: {@code sequence} in decimal, {@code hash} in lowercase hex. */
  public Map<String, String> toMap() {
    return Map.of(SEQUENCE_KEY, Long.toString(sequence), HASH_KEY, hash);
  }

  /**
   * The head read back from a ConfigMap's data. A damaged head is an error, never the genesis: restarting the chain
   * would hide whatever was lost. (A missing ConfigMap is the caller's case for {@link #genesis()}.)
   */
  public static ChainHead fromMap(Map<String, String> data) {
    if (data == null || !data.containsKey(SEQUENCE_KEY) || !data.containsKey(HASH_KEY)) {
      throw new IllegalArgumentException("chain head data must have the keys " + SEQUENCE_KEY + " and " + HASH_KEY);
    }
    String sequence = data.get(SEQUENCE_KEY);
    if (sequence == null || !sequence.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("chain head sequence \"" + sequence + "\" is not a non-negative integer");
    }
    try {
      return new ChainHead(Long.parseLong(sequence), data.get(HASH_KEY));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("chain head sequence \"" + sequence + "\" is not a non-negative integer");
    }
  }
}
