package io.debugsession.operator.audit.record;

import io.debugsession.operator.audit.record.AuditRecord.DebugContainer;
import io.debugsession.operator.audit.record.AuditRecord.Session;
import io.debugsession.operator.audit.record.AuditRecord.Target;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills an {@link AuditRecord}'s content. Every builder starts with a fresh random recordId, also one made by
 * {@link AuditRecord#toBuilder()} (a derived record is another record); the chain fields are not its job.
 */
public final class AuditRecordBuilder {

  /** RFC 3339 in UTC with exactly three fraction digits: 2026-11-27T10:15:30.120Z. */
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private AuditEvent event;
  private String recordId = UUID.randomUUID().toString();
  private String time;
  private Session session;
  private String requester;
  private Boolean requesterVerified;
  private String approver;
  private String endedBy;
  private Boolean endedByVerified;
  private Target target;
  private DebugContainer debugContainer;
  private String profile;
  private Map<String, Object> securityContext;
  private String reason;
  private String ttl;
  private String startedAt;
  private String expiresAt;
  private String endedAt;
  private String endReason;
  private String outcome;
  private Integer exitCode;
  private String message;
  private List<String> policies;
  private String operatorVersion;

  AuditRecordBuilder(AuditEvent event) {
    this.event = event;
  }

  AuditRecordBuilder(AuditRecord r) {
    this(r.event());
    time = r.time();
    session = r.session();
    requester = r.requester();
    requesterVerified = r.requesterVerified();
    approver = r.approver();
    endedBy = r.endedBy();
    endedByVerified = r.endedByVerified();
    target = r.target();
    debugContainer = r.debugContainer();
    profile = r.profile();
    securityContext = r.securityContext();
    reason = r.reason();
    ttl = r.ttl();
    startedAt = r.startedAt();
    expiresAt = r.expiresAt();
    endedAt = r.endedAt();
    endReason = r.endReason();
    outcome = r.outcome();
    exitCode = r.exitCode();
    message = r.message();
    policies = r.policies();
    operatorVersion = r.operatorVersion();
  }

  public AuditRecordBuilder event(AuditEvent event) {
    this.event = event;
    return this;
  }

  public AuditRecordBuilder recordId(String recordId) {
    this.recordId = recordId;
    return this;
  }

  /** When the event happened, written as {@link #TIME} (millisecond precision). */
  public AuditRecordBuilder time(Instant time) {
    this.time = TIME.format(time);
    return this;
  }

  public AuditRecordBuilder session(String uid, String namespace, String name) {
    this.session = new Session(uid, namespace, name);
    return this;
  }

  public AuditRecordBuilder requester(String requester, Boolean verified) {
    this.requester = requester;
    this.requesterVerified = verified;
    return this;
  }

  public AuditRecordBuilder approver(String approver) {
    this.approver = approver;
    return this;
  }

  /** Who asked to end the session early, and whether the API server verified it. */
  public AuditRecordBuilder endedBy(String endedBy, Boolean verified) {
    this.endedBy = endedBy;
    this.endedByVerified = verified;
    return this;
  }

  public AuditRecordBuilder target(String pod, String podUid, String container) {
    this.target = new Target(pod, podUid, container);
    return this;
  }

  public AuditRecordBuilder debugContainer(String name, String image, String imageDigest) {
    this.debugContainer = new DebugContainer(name, image, imageDigest);
    return this;
  }

  public AuditRecordBuilder profile(String profile) {
    this.profile = profile;
    return this;
  }

  /**
   * The effective security context, as the container got it. Null (the baseline profile sets none) is recorded as
   * {@code {}}: "adds nothing" rather than "unknown".
   */
  public AuditRecordBuilder securityContext(SecurityContext securityContext) {
    return securityContext(securityContext == null ? Map.of() : AuditJson.toObject(securityContext));
  }

  public AuditRecordBuilder securityContext(Map<String, Object> securityContext) {
    this.securityContext = securityContext;
    return this;
  }

  public AuditRecordBuilder reason(String reason) {
    this.reason = reason;
    return this;
  }

  public AuditRecordBuilder ttl(String ttl) {
    this.ttl = ttl;
    return this;
  }

  /** The session's startedAt, expiresAt and endedAt, copied as written in its status. */
  public AuditRecordBuilder times(String startedAt, String expiresAt, String endedAt) {
    this.startedAt = startedAt;
    this.expiresAt = expiresAt;
    this.endedAt = endedAt;
    return this;
  }

  public AuditRecordBuilder endReason(String endReason) {
    this.endReason = endReason;
    return this;
  }

  public AuditRecordBuilder outcome(String outcome) {
    this.outcome = outcome;
    return this;
  }

  public AuditRecordBuilder exitCode(Integer exitCode) {
    this.exitCode = exitCode;
    return this;
  }

  public AuditRecordBuilder message(String message) {
    this.message = message;
    return this;
  }

  public AuditRecordBuilder policies(List<String> policies) {
    this.policies = policies;
    return this;
  }

  public AuditRecordBuilder operatorVersion(String operatorVersion) {
    this.operatorVersion = operatorVersion;
    return this;
  }

  /** The unchained record; NullPointerException if recordId, time, event or session is missing. */
  public AuditRecord build() {
    return new AuditRecord(recordId, null, time, event, session, requester, requesterVerified, approver, endedBy,
        endedByVerified, target, debugContainer, profile, securityContext, reason, ttl, startedAt, expiresAt, endedAt,
        endReason, outcome, exitCode, message, policies, operatorVersion, null, null);
  }
}
