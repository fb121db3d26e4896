package io.debugsession.operator.audit.verify;

import io.debugsession.operator.audit.record.ChainHead;
import java.util.Optional;

/**
 * What {@link ChainVerifier} found: the chain up to where it is intact, and the first problem, if any.
 *
 * @param recordsVerified records accepted before the problem (all of them when there is none)
 * @param reached the head of the intact part: the last accepted record, or the starting head
 * @param duplicatesSkipped exact repeats skipped when the verifier was told to tolerate them
 */
public record VerificationReport(long recordsVerified, ChainHead reached, long duplicatesSkipped,
    ChainProblem firstProblem) {

  public boolean ok() {
    return firstProblem == null;
  }

  public Optional<ChainProblem> problem() {
    return Optional.ofNullable(firstProblem);
  }

  /** One sentence: the problem's, or what was verified. */
  public String summary() {
    if (!ok()) {
      return firstProblem.message();
    }
    String skipped = duplicatesSkipped == 0 ? "" : ", " + duplicatesSkipped + " exact duplicates skipped";
    return "The chain is intact: " + recordsVerified + (recordsVerified == 1 ? " record" : " records")
        + skipped + ", up to sequence " + reached.sequence() + " with hash " + reached.hash() + ".";
  }
}
