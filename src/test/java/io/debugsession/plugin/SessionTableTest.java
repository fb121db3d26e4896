package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionTableTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:05:00Z");

  @Test
  void oneRowASessionWithColumnsAlignedAndNoTrailingBlanks() {
    DebugSession ended = Sessions.active("longer-name");
    ended.getStatus().setPhase(Phase.Ended);

    String table = SessionTable.render(List.of(Sessions.active("s1"), ended), false, false, NOW);

    assertThat(table).isEqualTo("""
        NAME          PHASE    REQUESTER   POD        EXPIRES   AGE
        s1            Active   alice       checkout   in 10m    5m
        longer-name   Ended    alice       checkout   -         5m
        """);
  }

  @Test
  void wideAndAllNamespacesAddColumns() {
    String table = SessionTable.render(List.of(Sessions.active("s1")), true, true, NOW);

    assertThat(table.lines().toList()).containsExactly(
        "NAMESPACE   NAME   PHASE    REQUESTER   POD        EXPIRES   AGE   CONTAINER   IMAGE          PROFILE    "
            + "MESSAGE",
        "payments    s1     Active   alice       checkout   in 10m    5m    debug-s1    busybox:1.37   baseline   "
            + "Added debug container");
  }
}
