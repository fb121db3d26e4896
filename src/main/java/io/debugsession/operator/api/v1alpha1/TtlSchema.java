package io.debugsession.operator.api.v1alpha1;

/** The one TTL syntax and range of every duration field in both CRDs (session ttl, policy ttl and approval timeout). */
final class TtlSchema {

  /**
   * Hours, minutes and seconds, in that order, at least one of them: 90s, 15m, 1h30m. At most five digits each, so
   * that duration() never overflows on a value the pattern admits. The empty string does not match, so that it gets
   * this one refusal and no other (a minimum length would add a second).
   */
  static final String PATTERN =
      "^([0-9]{1,5}h([0-9]{1,5}m)?([0-9]{1,5}s)?|[0-9]{1,5}m([0-9]{1,5}s)?|[0-9]{1,5}s)$";

  /**
   * From 1m to 24h. The API server still runs CEL rules after a pattern error (only type, required, enum and size
   * errors stop them), so the rule skips what duration() cannot parse and leaves the pattern error to speak alone.
   */
  static final String ONE_MINUTE_TO_A_DAY = "!self.matches('" + PATTERN + "')"
      + " || (duration(self) >= duration('1m') && duration(self) <= duration('24h'))";

  private TtlSchema() {}
}
