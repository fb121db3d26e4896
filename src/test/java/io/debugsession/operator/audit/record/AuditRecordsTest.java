package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRecordsTest {

  private static final Instant NOW = Instant.parse("2030-05-01T10:15:31.250Z");
  private static final String DIGEST = "sha256:37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f";

  @Test
  void aNewSessionGivesWhatItsSpecSays() {
    DebugSession session = session();

    AuditRecord record = AuditRecords.about(AuditEvent.REQUESTED, session, NOW, "0.1.0").build();

    assertThat(AuditJson.toLine(record)).isEqualTo("{\"recordId\":\"" + record.recordId() + "\","
        + "\"time\":\"2030-05-01T10:15:31.250Z\",\"event\":\"requested\","
        + "\"session\":{\"uid\":\"uid-1\",\"namespace\":\"shop\",\"name\":\"checkout-debug\"},"
        + "\"requester\":\"alice@example.com\",\"target\":{\"pod\":\"checkout-7d9f\",\"container\":\"app\"},"
        + "\"debugContainer\":{\"image\":\"busybox:1.37\"},\"profile\":\"general\","
        + "\"securityContext\":{\"capabilities\":{\"add\":[\"SYS_PTRACE\"]}},\"reason\":\"INC-1\",\"ttl\":\"10m\","
        + "\"operatorVersion\":\"0.1.0\"}");
  }

  @Test
  void anEndedSessionGivesWhatItsStatusSays() {
    DebugSession session = session();
    DebugSessionStatus status = new DebugSessionStatus();
    status.setRequester("alice@example.com");
    status.setRequesterVerified(true);
    status.setApprover("bob@example.com");
    status.setPodName("checkout-7d9f");
    status.setPodUID("pod-uid-1");
    status.setTargetContainer("app");
    status.setContainerName("debugger-k7x2m");
    status.setTtl("10m");
    status.setStartedAt("2030-05-01T10:05:00Z");
    status.setExpiresAt("2030-05-01T10:15:00Z");
    status.setEndedAt("2030-05-01T10:15:31Z");
    status.setEndReason("Expired");
    status.setPolicies(List.of("prod-debugging"));
    status.setDebugContainer(
        new DebugContainerStatus("Terminated", "Error", 137, "docker.io/library/busybox@" + DIGEST));
    session.setStatus(status);

    AuditRecord record = AuditRecords.about(AuditEvent.EXPIRED, session, NOW, "0.1.0").build();

    assertThat(record.requesterVerified()).isTrue();
    assertThat(record.approver()).isEqualTo("bob@example.com");
    assertThat(record.target()).isEqualTo(new AuditRecord.Target("checkout-7d9f", "pod-uid-1", "app"));
    assertThat(record.debugContainer())
        .isEqualTo(new AuditRecord.DebugContainer("debugger-k7x2m", "busybox:1.37", DIGEST));
    assertThat(List.of(record.startedAt(), record.expiresAt(), record.endedAt(), record.endReason()))
        .containsExactly("2030-05-01T10:05:00Z", "2030-05-01T10:15:00Z", "2030-05-01T10:15:31Z", "Expired");
    assertThat(record.exitCode()).isEqualTo(137);
    assertThat(record.policies()).containsExactly("prod-debugging");
  }

  @Test
  void anApproversDenialNamesTheApprover() {
    DebugSession session = session();
    session.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Denied, "bob@example.com", null, "not now"));

    AuditRecord record = AuditRecords.about(AuditEvent.DENIED, session, NOW, "0.1.0").build();

    assertThat(record.approver()).isEqualTo("bob@example.com");
  }

  @Test
  void theBaselineProfileRecordsAnEmptySecurityContextToSayItAddsNone() {
    DebugSession session = session();
    session.getSpec().setProfile(Profile.BASELINE);

    AuditRecord record = AuditRecords.about(AuditEvent.REQUESTED, session, NOW, "0.1.0").build();

    assertThat(record.profile()).isEqualTo("baseline");
    assertThat(record.securityContext()).isEmpty();
    assertThat(AuditJson.toLine(record)).contains("\"securityContext\":{}");
  }

  @Test
  void theRestrictedProfileHasItsFullSecurityContext() {
    DebugSession session = session();
    session.getSpec().setProfile(Profile.RESTRICTED);

    AuditRecord record = AuditRecords.about(AuditEvent.REQUESTED, session, NOW, "0.1.0").build();

    assertThat(record.securityContext()).isEqualTo(Map.of(
        "runAsNonRoot", true,
        "allowPrivilegeEscalation", false,
        "capabilities", Map.of("drop", List.of("ALL")),
        "seccompProfile", Map.of("type", "RuntimeDefault")));
  }

  private static DebugSession session() {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("checkout-7d9f", "app"));
    spec.setImage("busybox:1.37");
    spec.setProfile(Profile.GENERAL);
    spec.setTtl("10m");
    spec.setReason("INC-1");
    spec.setRequester("alice@example.com");
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName("checkout-debug").withNamespace("shop").withUid("uid-1")
        .build());
    session.setSpec(spec);
    return session;
  }
}
