package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.chain.AuditTrail;
import io.debugsession.operator.audit.record.AuditTransitions;
import io.debugsession.operator.status.Milestone;
import io.debugsession.operator.status.StatusTransitions;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts what happened to a session into the audit trail before anyone acts on it: the reconciler calls it before
 * the status is written and before the object is let go, so a fact the trail could not record does not happen.
 * Each record the trail chained for the first time then goes to {@code chained} (the metrics):
 * a pass that runs again over a status it already recorded (a lost patch, a stale cache) counts nothing twice.
 */
class SessionAuditor {

  private final AuditTrail trail;
  private final Consumer<AuditRecord> chained;
  private final String operatorVersion;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  SessionAuditor(AuditTrail trail, Consumer<AuditRecord> chained, String operatorVersion) {
    this.trail = trail;
    this.chained = chained;
    this.operatorVersion = operatorVersion;
  }

  /** Records the milestones the pass reached, with the status it wrote; AuditUnavailableException if not. */
  void transition(DebugSession session, StatusTransitions next, Instant now) {
    List<Milestone.Reached> reached = next.milestones();
    if (reached.isEmpty()) {
      return;
    }
    DebugSession after = withStatus(session, next.status());
    write(reached.stream().map(m -> AuditTransitions.record(m, after, now, operatorVersion)).toList());
  }

  /** Records one event about the session as it is (its deletion, by a user or by retention). */
  void event(DebugSession session, AuditEvent event, Instant now) {
    write(List.of(AuditTransitions.record(event, session, now, operatorVersion)));
  }

  private void write(List<AuditRecord> records) {
    trail.record(records).forEach(chained);
  }

  private DebugSession withStatus(DebugSession session, DebugSessionStatus status) {
    DebugSession copy = serialization.clone(session);
    copy.setStatus(status);
    return copy;
  }
}
