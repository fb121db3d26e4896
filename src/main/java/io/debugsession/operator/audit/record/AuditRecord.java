package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit trail. Immutable: {@link AuditRecordBuilder} fills the content, {@link HashChain#append} the
 * chain fields ({@code sequence}, {@code prevHash}, {@code hash}), which stay null until then. Absent facts are null
 * and left out of the JSON. Times are RFC 3339 strings kept exactly as written, because the hash covers the text.
 * docs/audit.md says when each field is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
    String recordId,
    Long sequence,
    String time,
    AuditEvent event,
    Session session,
    String requester,
    Boolean requesterVerified,
    String approver,
    String endedBy,
    Boolean endedByVerified,
    Target target,
    DebugContainer debugContainer,
    String profile,
    Map<String, Object> securityContext,
    String reason,
    String ttl,
    String startedAt,
    String expiresAt,
    String endedAt,
    String endReason,
    String outcome,
    Integer exitCode,
    String message,
    List<String> policies,
    String operatorVersion,
    String prevHash,
    String hash) {

  /** The DebugSession the record is about. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Session(String uid, String namespace, String name) {}

  /** The pod and container debugged; {@code podUid} tells a replaced pod of the same name apart. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String pod, String podUid, String container) {}

  /** The ephemeral container; {@code imageDigest} once the kubelet has resolved the image. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DebugContainer(String name, String image, String imageDigest) {}

  public AuditRecord {
    Objects.requireNonNull(recordId, "recordId is required");
    Objects.requireNonNull(time, "time is required");
    Objects.requireNonNull(event, "event is required");
    Objects.requireNonNull(session, "session is required");
    securityContext = JsonValues.freezeObject(securityContext, "securityContext");
    policies = policies == null ? null : List.copyOf(policies);
  }

  public static AuditRecordBuilder builder(AuditEvent event) {
    return new AuditRecordBuilder(event);
  }

  /** A builder holding this record's content but not its chain fields, to derive another record (new recordId). */
  public AuditRecordBuilder toBuilder() {
    return new AuditRecordBuilder(this);
  }

  /** Whether {@link HashChain#append} has placed this record in a chain. */
  @JsonIgnore
  public boolean isChained() {
    return sequence != null || prevHash != null || hash != null;
  }

  /** This record at {@code sequence} after the record whose hash is {@code prevHash}; its own hash not yet set. */
  public AuditRecord withChain(long sequence, String prevHash) {
    return new AuditRecord(recordId, sequence, time, event, session, requester, requesterVerified, approver, endedBy,
        endedByVerified, target, debugContainer, profile, securityContext, reason, ttl, startedAt, expiresAt, endedAt,
        endReason, outcome, exitCode, message, policies, operatorVersion, prevHash, null);
  }

  /** This record with its hash; only the chain (and tests that forge records) set it. */
  AuditRecord withHash(String hash) {
    return new AuditRecord(recordId, sequence, time, event, session, requester, requesterVerified, approver, endedBy,
        endedByVerified, target, debugContainer, profile, securityContext, reason, ttl, startedAt, expiresAt, endedAt,
        endReason, outcome, exitCode, message, policies, operatorVersion, prevHash, hash);
  }
}
