package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.OperatorVersion;
import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.AuditTransitions;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.chain.ChainState;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The audit trail as the operator writes it: which records a lifecycle leaves, in which order, with which facts, and
 * that they form one verifiable chain whose head is in the cluster.
 */
class AuditTrailIT extends OperatorTestBase {

  private static final Duration RETENTION = Duration.ofHours(1);

  @Override
  InProcessOperator.Audit auditing() {
    return new InProcessOperator.Audit(OPERATOR_NS, auditLines::add, Optional.empty(), RETENTION);
  }

  @Test
  void fullLifecycleLeavesExactlyItsRecordsInOneVerifiableChain() {
    // Arrange
    runningPod();
    createSession("dbg-1", spec -> spec.setProfile(Profile.RESTRICTED));
    String container = awaitPhase("dbg-1", Phase.Active).getStatus().getContainerName();
    kubelet.ephemeralRunning(NS, POD, container, IMAGE_ID);
    eventually().until(() -> events().contains("container-running"));

    // Act: the container's own wrapper ends it at the deadline; then the user deletes the finished session.
    passDeadline("dbg-1", Duration.ofMillis(500));
    kubelet.ephemeralTerminated(NS, POD, container, 143, IMAGE_ID, clock.instant());
    awaitPhase("dbg-1", Phase.Expired);
    client.resource(session("dbg-1")).delete();
    eventually().until(() -> session("dbg-1") == null);

    // Assert
    List<AuditRecord> records = records();
    assertThat(records).extracting(r -> r.event().wireName())
        .containsExactly("requested", "injected", "container-running", "expired", "deleted");
    assertThat(records).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    String uid = records.get(0).session().uid();
    assertThat(records).allSatisfy(r -> {
      assertThat(r.session().uid()).isEqualTo(uid);
      assertThat(r.session().namespace()).isEqualTo(NS);
      assertThat(r.requester()).isEqualTo(REQUESTER);
      assertThat(r.operatorVersion()).isEqualTo(OperatorVersion.current());
      assertThat(r.debugContainer().image()).isEqualTo("busybox:1.37");
      assertThat(r.profile()).isEqualTo("restricted");
      assertThat(r.securityContext()).containsEntry("runAsNonRoot", true)
          .containsEntry("allowPrivilegeEscalation", false);
    });
    AuditRecord injected = records.get(1);
    assertThat(injected.target().podUid()).isEqualTo(pod().getMetadata().getUid());
    assertThat(injected.target().container()).isEqualTo(APP);
    assertThat(injected.debugContainer().name()).isEqualTo(container);
    assertThat(injected.outcome()).isEqualTo("Added");
    assertThat(injected.expiresAt()).isNotNull();
    assertThat(records.get(2).debugContainer().imageDigest()).isEqualTo(IMAGE_ID.substring(IMAGE_ID.indexOf('@') + 1));
    AuditRecord expired = records.get(3);
    assertThat(expired.outcome()).isEqualTo("DeadlineWrapper");
    assertThat(expired.exitCode()).isEqualTo(143);
    assertThat(expired.endedAt()).isNotNull();
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
    assertThat(storedChain().outbox()).isEmpty();
    assertThat(podEventReasons()).containsExactly("DebugContainerAdded", "DebugContainerStopped");
  }

  @Test
  void deletingAnActiveSessionLeavesItsEndAndItsDeletedRecord() {
    // Arrange
    activeRunningSession("dbg-1");

    // Act
    client.resource(session("dbg-1")).delete();
    eventually().until(() -> session("dbg-1") == null);

    // Assert
    assertThat(events()).containsExactly("requested", "injected", "container-running", "ended", "deleted");
    AuditRecord ended = records().get(3);
    assertThat(ended.endReason()).isEqualTo("SessionDeleted");
    assertThat(ended.outcome()).isEqualTo("OperatorSignal");
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
  }

  @Test
  void theRequestersEndIsRecordedWithHerNameAsTheAPIServerVerifiedIt() {
    // Arrange
    activeRunningSession("dbg-1");

    // Act: alice sets spec.end alone, which the identity admission policy lets only the requester do
    endRequested("dbg-1");
    DebugSession ended = awaitPhase("dbg-1", Phase.Ended);

    // Assert
    assertThat(ended.getStatus().getEndedBy()).isEqualTo(REQUESTER);
    assertThat(ended.getStatus().getEndedByVerified()).isTrue();
    eventually().untilAsserted(() -> assertThat(events()).endsWith("end-requested", "ended"));
    List<AuditRecord> records = records();
    assertThat(records.subList(records.size() - 2, records.size())).allSatisfy(r -> {
      assertThat(r.endedBy()).isEqualTo(REQUESTER);
      assertThat(r.endedByVerified()).isTrue();
    });
    assertThat(eventReasons("dbg-1")).contains("EndRequested");
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
  }

  @Test
  void anApproversEndIsRecordedWithTheirName() {
    // Arrange: bob approved alice's session
    createPolicy("shop-approval", """
        namespaces: [shop]
        approval: {required: true, approvers: {users: [bob]}, timeout: 5m}
        """);
    runningPod();
    createSession("dbg-1");
    awaitPhase("dbg-1", Phase.AwaitingApproval);
    approver.resources(DebugSession.class).inNamespace(NS).withName("dbg-1").edit(s -> {
      s.getSpec().setApproval(new ApprovalSpec(ApprovalDecision.Approved, APPROVER, null, "INC-42"));
      return s;
    });
    kubelet.ephemeralRunning(NS, POD, awaitPhase("dbg-1", Phase.Active).getStatus().getContainerName(), IMAGE_ID);
    eventually().until(() -> session("dbg-1").getStatus().getDebugContainer() != null);

    // Act: bob ends it, naming himself as the identity admission policy requires of an approver
    approver.resources(DebugSession.class).inNamespace(NS).withName("dbg-1").edit(s -> {
      s.getSpec().setEnd(true);
      s.getSpec().setEndedBy(APPROVER);
      return s;
    });
    DebugSession ended = awaitPhase("dbg-1", Phase.Ended);

    // Assert
    assertThat(ended.getStatus().getApprovers()).singleElement()
        .satisfies(a -> assertThat(a.getUsers()).containsExactly(APPROVER));
    assertThat(ended.getStatus().getEndedBy()).isEqualTo(APPROVER);
    eventually().untilAsserted(() -> assertThat(events()).endsWith("end-requested", "ended"));
    assertThat(records()).last().satisfies(r -> {
      assertThat(r.endedBy()).isEqualTo(APPROVER);
      assertThat(r.endedByVerified()).isTrue();
      assertThat(r.requester()).isEqualTo(REQUESTER);
      assertThat(r.approver()).isEqualTo(APPROVER);
    });
  }

  @Test
  void deniedSessionIsRecordedWithItsReason() {
    // Arrange
    createPolicy("no-busybox", """
        namespaces: [shop]
        images: {allowed: ["registry.example.com/**"]}
        """);
    runningPod();

    // Act
    createSession("dbg-1");
    awaitPhase("dbg-1", Phase.Denied);
    eventually().until(() -> events().size() == 2);

    // Assert
    assertThat(events()).containsExactly("requested", "denied");
    assertThat(records().get(1).outcome()).isEqualTo("PolicyDenied");
    assertThat(records().get(1).message()).contains("docker.io/library/busybox", "no-busybox");
    assertThat(records().get(1).policies()).containsExactly("no-busybox");
  }

  @Test
  void operatorRestartContinuesTheChainAndDoesNotRecordAFactTwice() {
    // Arrange
    activeRunningSession("dbg-1");

    // Act: a new operator process knows nothing but what the cluster holds.
    restartOperator();
    createSession("dbg-2");
    awaitPhase("dbg-2", Phase.Active);
    eventually().until(() -> events().size() == 5);

    // Assert
    assertThat(events()).containsExactly("requested", "injected", "container-running", "requested", "injected");
    assertThat(records()).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
  }

  @Test
  void idsListedInTheChainConfigMapAheadOfTimeDoNotKeepTheirRecordsOutOfTheTrail() {
    // Arrange: record ids are predictable (session uid and event); someone who may edit the chain's ConfigMap lists
    // the ids of dbg-1's end and deletion before they happen, where the operator used to look for ids recorded before.
    activeRunningSession("dbg-1");
    String uid = session("dbg-1").getMetadata().getUid();
    ConfigMap chain = chainConfigMap();
    chain.getData().put("recentRecordIds", String.join("\n",
        AuditTransitions.recordId(uid, AuditEvent.END_REQUESTED), AuditTransitions.recordId(uid, AuditEvent.ENDED),
        AuditTransitions.recordId(uid, AuditEvent.DELETED)));
    client.resource(chain).update();

    // Act
    endRequested("dbg-1");
    awaitPhase("dbg-1", Phase.Ended);
    client.resource(session("dbg-1")).delete();
    eventually().until(() -> session("dbg-1") == null);

    // Assert
    eventually().untilAsserted(() -> assertThat(events())
        .containsExactly("requested", "injected", "container-running", "end-requested", "ended", "deleted"));
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
  }

  @Test
  void nothingStartsWhileTheChainCannotBeReadAndEverythingIsRecordedOnceItCan() {
    // Arrange: a running session, then someone damages the chain's ConfigMap.
    activeRunningSession("dbg-1");
    ConfigMap chain = chainConfigMap();
    Map<String, String> intact = Map.copyOf(chain.getData());
    chain.getData().put("hash", "not-a-hash");
    client.resource(chain).update();

    // Act: the end of dbg-1 cannot be recorded (so the operator learns of the damage), and dbg-2 is asked for.
    endRequested("dbg-1");
    eventually().until(() -> session("dbg-1").getStatus().getMessage().startsWith("Waiting for the audit trail"));
    createSession("dbg-2");
    eventually().until(() -> session("dbg-2").getStatus() != null
        && session("dbg-2").getStatus().getMessage().startsWith("Waiting for the audit trail"));
    assertThat(session("dbg-2").getStatus().getPhase()).isNull();
    assertThat(pod().getSpec().getEphemeralContainers()).hasSize(1);
    ConfigMap repaired = chainConfigMap();
    repaired.setData(new java.util.HashMap<>(intact));
    client.resource(repaired).update();

    // Assert
    awaitPhase("dbg-1", Phase.Ended);
    awaitPhase("dbg-2", Phase.Active);
    eventually().until(() -> events().size() == 7);
    assertThat(events()).containsExactly("requested", "injected", "container-running", "end-requested", "ended",
        "requested", "injected");
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
  }

  @Test
  void onlyFinishedSessionsPastTheRetentionAreDeletedAndTheirRecordComesFirst() {
    // Arrange: dbg-1 ends 50 minutes before dbg-2.
    activeRunningSession("dbg-1");
    DebugSession first = endSession("dbg-1");
    clock.advance(Duration.ofMinutes(50));
    createSession("dbg-2");
    kubelet.ephemeralRunning(NS, POD, awaitPhase("dbg-2", Phase.Active).getStatus().getContainerName(), IMAGE_ID);
    eventually().until(() -> session("dbg-2").getStatus().getDebugContainer() != null);
    endSession("dbg-2");

    // Act: 20 minutes later dbg-1 ended 70 minutes ago, dbg-2 20; the operator looks again when it starts.
    clock.advance(Duration.ofMinutes(20));
    restartOperator();
    eventually().until(() -> session("dbg-1") == null);

    // Assert
    assertThat(session("dbg-2")).isNotNull();
    List<AuditRecord> aboutFirst = records().stream()
        .filter(r -> r.session().uid().equals(first.getMetadata().getUid())).toList();
    assertThat(aboutFirst).extracting(r -> r.event().wireName()).containsExactly("requested", "injected",
        "container-running", "end-requested", "ended", "retention-deleted", "deleted");
    assertThat(events()).filteredOn(e -> e.contains("deleted")).hasSize(2);
    assertThat(chainVerifies()).as(verify().summary()).isTrue();
  }

  private DebugSession endSession(String name) {
    endRequested(name);
    return awaitPhase(name, Phase.Ended);
  }

  private ConfigMap chainConfigMap() {
    return client.configMaps().inNamespace(OPERATOR_NS).withName(InProcessOperator.CHAIN_CONFIG_MAP).get();
  }

  private List<AuditRecord> records() {
    return auditLines.stream().map(AuditJson::fromLine).toList();
  }

  private List<String> events() {
    return records().stream().map(r -> r.event().wireName()).toList();
  }

  private ChainState storedChain() {
    return ChainState.fromData(chainConfigMap().getData());
  }

  private VerificationReport verify() {
    ChainHead head = storedChain().head();
    return ChainVerifier.fromGenesis().endingAt(head).verifyLines(auditLines.stream());
  }

  private boolean chainVerifies() {
    return verify().ok();
  }

  private List<String> podEventReasons() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> "Pod".equals(e.getInvolvedObject().getKind()))
        .sorted(java.util.Comparator.comparing(Event::getFirstTimestamp))
        .map(Event::getReason)
        .toList();
  }
}
