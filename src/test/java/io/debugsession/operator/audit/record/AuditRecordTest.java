package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.container.SecurityProfiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

  @Test
  void writesOneLineInDeclarationOrderWithoutNulls() {
    AuditRecord record = AuditFixtures.requested();

    String line = AuditJson.toLine(record);

    assertThat(line).isEqualTo("{\"recordId\":\"3c1f7a52-8e04-4b6a-b0d9-6f2e1a9c4d87\","
        + "\"time\":\"2026-11-27T10:15:02.417Z\",\"event\":\"requested\","
        + "\"session\":{\"uid\":\"0f6f2c1e-6b1a-4c3e-9a57-2a4d8f0c9b11\",\"namespace\":\"shop\","
        + "\"name\":\"checkout-latency\"},"
        + "\"requester\":\"alice@example.com\",\"requesterVerified\":true,"
        + "\"target\":{\"pod\":\"checkout-6c9f8d7b5-x2x9q\",\"container\":\"app\"},"
        + "\"debugContainer\":{\"image\":\"busybox:1.37\"},\"profile\":\"restricted\","
        + "\"securityContext\":{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]},"
        + "\"runAsNonRoot\":true,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
        + "\"reason\":\"INC-4711: checkout p99 latency\",\"ttl\":\"15m\",\"policies\":[\"prod-debugging\"],"
        + "\"operatorVersion\":\"0.1.0\"}");
  }

  @Test
  void readsItsLineBackAsAnEqualRecord() {
    AuditRecord chained = HashChain.append(AuditFixtures.injected(), ChainHead.genesis()).record();

    AuditRecord read = AuditJson.fromLine(AuditJson.toLine(chained));

    assertThat(read).isEqualTo(chained);
  }

  @Test
  void escapesLineBreaksSoARecordStaysOneLine() {
    AuditRecord record = AuditFixtures.requested().toBuilder().message("two\nlines\r\u2028").build();

    String line = AuditJson.toLine(record);

    assertThat(line).contains("\"message\":\"two\\nlines\\r\u2028\"").doesNotContain("\n", "\r");
  }

  @Test
  void writesTimeInUtcWithMilliseconds() {
    AuditRecordBuilder builder = AuditFixtures.requested().toBuilder();

    assertThat(builder.time(Instant.parse("2026-11-27T10:15:02Z")).build().time())
        .isEqualTo("2026-11-27T10:15:02.000Z");
    assertThat(builder.time(Instant.parse("2026-11-27T10:15:02.123456789Z")).build().time())
        .isEqualTo("2026-11-27T10:15:02.123Z");
  }

  @Test
  void keepsTheEffectiveSecurityContextAsAJsonObject() {
    AuditRecord record = AuditFixtures.requested().toBuilder()
        .securityContext(SecurityProfiles.securityContextFor(Profile.GENERAL))
        .build();

    assertThat(record.securityContext()).isEqualTo(Map.of("capabilities", Map.of("add", List.of("SYS_PTRACE"))));
  }

  @Test
  void isImmutable() {
    List<String> policies = new ArrayList<>(List.of("a"));
    Map<String, Object> context = new HashMap<>(Map.of("runAsUser", 1000));
    AuditRecord record = AuditFixtures.requested().toBuilder().policies(policies).securityContext(context).build();

    policies.add("b");
    context.put("privileged", true);

    assertThat(record.policies()).containsExactly("a");
    assertThat(record.securityContext()).isEqualTo(Map.of("runAsUser", 1000L));
    assertThatThrownBy(() -> record.policies().add("c")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> record.securityContext().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesAFractionInTheSecurityContext() {
    AuditRecordBuilder builder = AuditFixtures.requested().toBuilder()
        .securityContext(Map.of("seLinuxOptions", Map.of("level", List.of(1, 2.5))));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("securityContext.seLinuxOptions.level[1]: canonical JSON holds integers only, not 2.5");
  }

  @Test
  void derivesANewRecordWithoutItsChainFields() {
    AuditRecord chained = HashChain.append(AuditFixtures.requested(), ChainHead.genesis()).record();

    AuditRecord derived = chained.toBuilder().event(AuditEvent.DENIED).build();

    assertThat(derived.isChained()).isFalse();
    assertThat(derived.recordId()).isNotEqualTo(chained.recordId());
    assertThat(derived.event()).isEqualTo(AuditEvent.DENIED);
    assertThat(derived.reason()).isEqualTo(chained.reason());
  }

  @Test
  void requiresTheFieldsEveryRecordHas() {
    AuditRecordBuilder builder = AuditRecord.builder(AuditEvent.REQUESTED).session("uid", "ns", "name");

    assertThatThrownBy(builder::build).isInstanceOf(NullPointerException.class).hasMessage("time is required");
  }

  @Test
  void refusesALineThatIsNotARecord() {
    assertThatThrownBy(() -> AuditJson.fromLine("{\"event\":\"exploded\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an audit record: ");
  }
}
