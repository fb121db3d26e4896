package io.debugsession.operator.audit.verify;

/**
 * The first thing wrong with a log, where it is and a sentence saying it.
 *
 * @param position 1-based line number (blank lines counted) or position among the records given
 * @param sequence the record's sequence, null when the problem is not one record's (or it has none)
 * @param recordId the record's id, null when unknown
 */
public record ChainProblem(Kind kind, long position, Long sequence, String recordId, String message) {

  public enum Kind {
    /** A line is not an audit record: not JSON, not an object, no valid sequence/prevHash/hash, no canonical form. */
    MALFORMED,
    /** A record's hash is not the hash of its content. */
    ALTERED,
    /** Sequences are missing: the chain jumps ahead and the missing records are nowhere in the log. */
    GAP,
    /** The sequence goes backwards: a record comes before one that precedes it in the chain. */
    REORDERED,
    /** The same record (same sequence and hash) appears twice. */
    DUPLICATE,
    /**
     * A record does not belong where it is: its sequence follows on but its prevHash is not the previous record's
     * hash, or another record with different content has the same sequence. A record was inserted or replaced, one
     * was altered and re-hashed, or two chains were mixed (a fork).
     */
    INSERTED,
    /** The record at the expected head's sequence has another hash than the head. */
    HEAD_MISMATCH,
    /** A record comes after the expected head. */
    BEYOND_HEAD,
    /** The log stops before the expected head. */
    TRUNCATED
  }
}
