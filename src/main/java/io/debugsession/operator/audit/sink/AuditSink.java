package io.debugsession.operator.audit.sink;

import java.util.List;
import java.util.Optional;

/**
 * Somewhere chained audit records go: the JSON-lines log, the spool an HTTP receiver drains, Events on the debugged
 * pod. The audit trail's outbox hands each sink, in order, the records it has not taken yet and keeps a record until
 * every sink has taken it; a sink that takes a record twice (after a restart) must cope.
 */
public interface AuditSink {

  /** How log lines name the sink. */
  String describe();

  /**
   * Takes {@code records} (chained, in sequence order, each after the last one this sink took) and returns the
   * sequence of the last one it took for good, or {@code takenThrough} when it took none: the rest is offered again.
   * Never throws for records it could not take.
   */
  long deliver(List<SpooledRecord> records, long takenThrough);

  /** Why the sink cannot promise to take a new session's records now (it is full); empty while it can. */
  default Optional<String> refusal() {
    return Optional.empty();
  }
}
