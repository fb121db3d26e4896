package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  @Test
  void hasTheWireNames() {
    assertThat(Arrays.stream(AuditEvent.values()).map(AuditEvent::wireName)).containsExactly(
        "requested", "denied", "awaiting-approval", "approved", "approval-timed-out", "injected",
        "container-running", "end-requested", "ended", "expired", "stop-failed", "evicted",
        "eviction-failed", "deleted", "retention-deleted");
  }

  @Test
  void readsEveryWireNameBack() {
    for (AuditEvent event : AuditEvent.values()) {
      assertThat(AuditEvent.fromWireName(event.wireName())).isEqualTo(event);
    }
  }

  @Test
  void refusesAnUnknownName() {
    assertThatThrownBy(() -> AuditEvent.fromWireName("REQUESTED"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown audit event \"REQUESTED\"");
  }
}
