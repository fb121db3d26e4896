package io.debugsession.operator.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebugContainerNameTest {

  private static final String UID = "5f0c2f8e-2b1d-4c39-9a57-0d4f3c1e9b10";
  private static final String LONGEST_NAME = "a".repeat(100) + "." + "b".repeat(100) + "." + "c".repeat(51);

  @Test
  void isDeterministic() {
    String first = DebugContainerName.of("checkout-debug", UID);

    String second = DebugContainerName.of("checkout-debug", UID);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void keepsTheSessionNameReadable() {
    String name = DebugContainerName.of("checkout-debug", UID);

    assertThat(name).matches("debug-checkout-debug-[0-9a-f]{8}");
  }

  @Test
  void endsInTheFirstEightCharactersOfTheSessionsUidSoThatAdmissionKnowsWhoseDebuggerItIs() {
    // config/admission/debugger_access_policy.yaml: startsWith('debug-') && endsWith('-' + uid.substring(0, 8))
    String name = DebugContainerName.of("checkout-debug", UID);

    assertThat(name).isEqualTo("debug-checkout-debug-5f0c2f8e").startsWith("debug-").endsWith("-5f0c2f8e");
    assertThat(DebugContainerName.of("a".repeat(253), UID)).startsWith("debug-").endsWith("-5f0c2f8e");
  }

  @Test
  void differsForASessionRecreatedWithTheSameName() {
    String before = DebugContainerName.of("checkout-debug", UID);

    String after = DebugContainerName.of("checkout-debug", "0e1f4b6a-7c3d-4a2b-8e9f-112233445566");

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void fitsInAContainerNameForTheLongestSessionName() {
    assertThat(LONGEST_NAME).hasSize(253);

    String name = DebugContainerName.of(LONGEST_NAME, UID);

    assertThat(name).hasSizeLessThanOrEqualTo(63);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "checkout-debug",
      "payments.v2.debug",
      "a",
      "x.y",
      "0123456789",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbb",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
          + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
          + "ccccccccccccccccccccccccccccccccccccccccccccccccccc",
  })
  void isAValidDnsLabel(String sessionName) {
    String name = DebugContainerName.of(sessionName, UID);

    assertThat(name)
        .hasSizeLessThanOrEqualTo(63)
        .matches("[a-z0-9-]+")
        .doesNotStartWith("-")
        .doesNotEndWith("-");
  }

  @Test
  void replacesDots() {
    String name = DebugContainerName.of("payments.v2.debug", UID);

    assertThat(name).startsWith("debug-payments-v2-debug-").doesNotContain(".");
  }

  @Test
  void dropsADashLeftAtTheCutWhenShortening() {
    // 47 characters, then the dot that becomes '-' falls on the last of the 48 kept characters
    String sessionName = "a".repeat(47) + ".bbbbbbbbbbbb";

    String name = DebugContainerName.of(sessionName, UID);

    assertThat(name).matches("debug-a{47}-[0-9a-f]{8}");
  }
}
