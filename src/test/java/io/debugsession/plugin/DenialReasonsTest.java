package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenialReasonsTest {

  @Test
  void splitsTheOperatorsMessageIntoItsReasons() {
    assertThat(DenialReasons.of("Denied: image \"a\" is not allowed by DebugPolicy \"p\" (allowed: b); ttl 2h "
        + "exceeds the maximum 1h (DebugPolicy \"p\")"))
        .containsExactly("image \"a\" is not allowed by DebugPolicy \"p\" (allowed: b)",
            "ttl 2h exceeds the maximum 1h (DebugPolicy \"p\")");
  }

  @Test
  void keepsSeparatorsInsideParenthesesAndQuotesWithinTheirReason() {
    assertThat(DenialReasons.of("Denied: profile \"sysadmin\" is not allowed (allowed: baseline; by p1, p2); "
        + "reason \"a; b\" refused"))
        .containsExactly("profile \"sysadmin\" is not allowed (allowed: baseline; by p1, p2)",
            "reason \"a; b\" refused");
  }

  @Test
  void noMessageHasNoReasons() {
    assertThat(DenialReasons.of(null)).isEmpty();
    assertThat(DenialReasons.of("Denied: one")).containsExactly("one");
  }
}
