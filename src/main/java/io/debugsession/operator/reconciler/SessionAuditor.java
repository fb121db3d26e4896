package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.audit.AuditEvent;
import io.debugsession.operator.audit.AuditRecord;
import io.debugsession.operator.audit.AuditTrail;
import io.debugsession.operator.audit.AuditTransitions;
import io.debugsession.operator.kube.SessionEventRecorder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;

/**
 * Puts what happened to a session into the audit trail before anyone acts on it: the reconciler calls it before
 * the status is written and before the object is let go, so a fact the trail could not record does not happen.
 */
class SessionAuditor {

  private final AuditTrail trail;
  private final SessionEventRecorder events;
  private final String operatorVersion;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  SessionAuditor(AuditTrail trail, SessionEventRecorder events, String operatorVersion) {
    this.trail = trail;
    this.events = events;
    this.operatorVersion = operatorVersion;
  }

  /** Records the facts between the session's current status and {@code next}; AuditUnavailableException if not. */
  void transition(DebugSession session, DebugSessionStatus next, Instant now) {
    List<AuditEvent> happened = AuditTransitions.between(session.getStatus(), next);
    if (happened.isEmpty()) {
      return;
    }
    DebugSession after = withStatus(session, next);
    write(happened.stream().map(e -> AuditTransitions.record(e, after, now, operatorVersion)).toList());
  }

  /** Records one event about the session as it is (its deletion, by a user or by retention). */
  void event(DebugSession session, AuditEvent event, Instant now) {
    write(List.of(AuditTransitions.record(event, session, now, operatorVersion)));
  }

  private void write(List<AuditRecord> records) {
    for (AuditRecord record : trail.record(records)) {
      PodNotices.about(record).ifPresent(notice -> events.recordOnPod(record.session().namespace(),
          record.target().pod(), record.target().podUid(), notice));
    }
  }

  private DebugSession withStatus(DebugSession session, DebugSessionStatus status) {
    DebugSession copy = serialization.clone(session);
    copy.setStatus(status);
    return copy;
  }
}
