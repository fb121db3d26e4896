package io.debugsession.operator.reconciler;

import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.sink.AuditSink;
import io.debugsession.operator.audit.sink.SpooledRecord;
import io.debugsession.operator.adapter.SessionEventRecorder;
import java.util.List;

/**
 * The audit sink that writes Events on the debugged pod ({@link PodNotices}). Events are a courtesy to the people
 * running {@code kubectl describe pod}: one that cannot be written is logged and skipped, never retried.
 */
public final class PodNoticeSink implements AuditSink {

  private final SessionEventRecorder events;

  public PodNoticeSink(SessionEventRecorder events) {
    this.events = events;
  }

  @Override
  public String describe() {
    return "Events on the debugged pods";
  }

  @Override
  public long deliver(List<SpooledRecord> records, long takenThrough) {
    for (SpooledRecord spooled : records) {
      AuditRecord record = AuditJson.fromLine(spooled.json());
      PodNotices.about(record).ifPresent(notice -> events.recordOnPod(record.session().namespace(),
          record.target().pod(), record.target().podUid(), notice));
    }
    return records.isEmpty() ? takenThrough : records.get(records.size() - 1).sequence();
  }
}
