package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debugsession.operator.audit.record.ChainHead;
import org.junit.jupiter.api.Test;

class ChainHeadsTest {

  private static final String HASH = "8c5fe377880af7768605688433d5c79989c03df6eafecc66db7fc43c0fcd0d90";

  @Test
  void aHeadIsTypedAsSequenceColonHash() {
    assertThat(ChainHeads.parse("12:" + HASH)).isEqualTo(new ChainHead(12, HASH));
    assertThat(ChainHeads.format(new ChainHead(12, HASH))).isEqualTo("12:" + HASH);
  }

  @Test
  void aMistypedHeadSaysWhatIsWrong() {
    assertThatThrownBy(() -> ChainHeads.parse(HASH)).hasMessageStartingWith("a chain head is SEQUENCE:HASH");
    assertThatThrownBy(() -> ChainHeads.parse("x:" + HASH))
        .hasMessage("not a chain head: chain head sequence \"x\" is not a non-negative integer");
  }
}
