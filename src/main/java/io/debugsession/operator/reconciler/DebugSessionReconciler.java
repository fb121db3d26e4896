package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.audit.record.AuditEvent;
import io.debugsession.operator.audit.chain.AuditUnavailableException;
import io.debugsession.operator.adapter.SessionEventRecorder;
import io.debugsession.operator.lifecycle.Retention;
import io.debugsession.operator.logging.LogText;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin: one {@link SessionDriver} pass, then write what changed and come back when time says so. Deletion goes
 * through the same pass, so an Active session's debug container is stopped before the finalizer lets go.
 */
@ControllerConfiguration(name = DebugSessionReconciler.NAME, finalizerName = DebugSession.FINALIZER)
// Never give up on a session: an API server or audit trail that is down must delay the TTL's enforcement, not end it.
@GradualRetry(maxAttempts = -1, initialInterval = 1000, maxInterval = 60_000)
public class DebugSessionReconciler implements Reconciler<DebugSession>, Cleaner<DebugSession> {

  public static final String NAME = "debugsession";
  private static final Logger LOG = LoggerFactory.getLogger(DebugSessionReconciler.class);

  private final SessionDriver driver;
  private final SessionEventRecorder events;
  private final SessionAuditor auditor;
  private final Duration retention;

  DebugSessionReconciler(SessionDriver driver, SessionEventRecorder events, SessionAuditor auditor,
      Duration retention) {
    this.driver = driver;
    this.events = events;
    this.auditor = auditor;
    this.retention = retention;
  }

  @Override
  public UpdateControl<DebugSession> reconcile(DebugSession session, Context<DebugSession> context) {
    SessionDriver.Pass pass = driver.drive(session);
    // Audit first: if the trail cannot record the change, the exception leaves the status as it was to retry.
    auditor.transition(session, pass.transitions(), pass.now());
    publish(session, pass);
    boolean changed = changed(session, pass);
    Optional<Instant> deleteAt = Retention.deleteAt(pass.transitions().status(), retention);
    if (!changed && deleteAt.isPresent() && !pass.now().isBefore(deleteAt.get())) {
      auditor.event(session, AuditEvent.RETENTION_DELETED, pass.now());
      LOG.info("DebugSession {}/{} deleted: it ended at {}, more than the retention of {} ago",
          session.getMetadata().getNamespace(), session.getMetadata().getName(),
          pass.transitions().status().getEndedAt(), retention);
      // Only the object read: a session changed or re-created since then under the same name is left alone.
      context.getClient().resource(session).lockResourceVersion().delete();
      return UpdateControl.noUpdate();
    }
    UpdateControl<DebugSession> control = changed
        ? UpdateControl.patchStatus(withStatus(session, pass.transitions().status()))
        : UpdateControl.noUpdate();
    pass.recheckAfter()
        .or(() -> deleteAt.map(at -> Duration.between(pass.now(), at)))
        .ifPresent(control::rescheduleAfter);
    return control;
  }

  @Override
  public DeleteControl cleanup(DebugSession session, Context<DebugSession> context) {
    SessionDriver.Pass pass = driver.drive(session);
    auditor.transition(session, pass.transitions(), pass.now());
    publish(session, pass);
    if (changed(session, pass)) {
      // Cleanup cannot return a status patch; a PUT with the resourceVersion we read keeps it from overwriting news.
      context.getClient().resource(withStatus(session, pass.transitions().status())).updateStatus();
    }
    if (pass.settled()) {
      // The last record of the session; the finalizer is released only once the trail has it.
      auditor.event(session, AuditEvent.DELETED, pass.now());
      return DeleteControl.defaultDelete();
    }
    return DeleteControl.noFinalizerRemoval()
        .rescheduleAfter(pass.recheckAfter().orElse(Duration.ofSeconds(1)).toMillis());
  }

  @Override
  public ErrorStatusUpdateControl<DebugSession> updateErrorStatus(DebugSession session,
      Context<DebugSession> context, Exception e) {
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    if (status.getPhase() != null && status.getPhase().isTerminal()) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    status.setMessage(e instanceof AuditUnavailableException
        ? "Waiting for the audit trail, which cannot record this session's progress: " + e.getMessage()
        : "Retrying after an error talking to the API server: " + e.getMessage());
    session.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(session);
  }

  private void publish(DebugSession session, SessionDriver.Pass pass) {
    var status = pass.transitions().status();
    for (var event : pass.transitions().events()) {
      // The message quotes what users typed (an approval's reason, say): quoted and escaped, it stays on its line.
      LOG.info("DebugSession {}/{} {} ({}): {}", session.getMetadata().getNamespace(), session.getMetadata().getName(),
          event.reason(), status.getPhase(), LogText.quoted(event.message()));
      events.record(session, event);
    }
  }

  private static boolean changed(DebugSession session, SessionDriver.Pass pass) {
    return !Objects.equals(session.getStatus(), pass.transitions().status());
  }

  private static DebugSession withStatus(DebugSession session, DebugSessionStatus status) {
    session.setStatus(status);
    return session;
  }
}
