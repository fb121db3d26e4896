package io.debugsession.operator.audit.chain;

import io.debugsession.operator.audit.sink.AuditSink;
import io.debugsession.operator.audit.sink.SpooledRecord;
import java.util.List;
import java.util.Optional;

/**
 * Hands the chain's outbox to every {@link AuditSink}, each from its own watermark (the last record it took), and
 * says which records all of them have taken, which the trail then drops from the stored outbox. A sink that cannot
 * take a record now (a full spool) holds the outbox back without making the others take anything twice; after a
 * restart the watermarks start again from the stored outbox, so a sink may see a record twice, never miss one.
 */
final class AuditOutbox {

  private final List<AuditSink> sinks;
  private final long[] takenThrough;

  AuditOutbox(List<AuditSink> sinks) {
    if (sinks.isEmpty()) {
      throw new IllegalArgumentException("an audit trail needs at least one sink");
    }
    this.sinks = List.copyOf(sinks);
    this.takenThrough = new long[sinks.size()];
  }

  /** Delivers what each sink has not taken of {@code outbox} (in sequence order); the sequence all have taken. */
  long deliver(List<SpooledRecord> outbox) {
    for (int i = 0; i < sinks.size(); i++) {
      long through = takenThrough[i];
      List<SpooledRecord> waiting = outbox.stream().filter(r -> r.sequence() > through).toList();
      if (!waiting.isEmpty()) {
        takenThrough[i] = Math.max(through, sinks.get(i).deliver(waiting, through));
      }
    }
    return deliveredThrough();
  }

  /** The last sequence every sink has taken. */
  long deliveredThrough() {
    long min = Long.MAX_VALUE;
    for (long through : takenThrough) {
      min = Math.min(min, through);
    }
    return min;
  }

  /** Why a sink cannot promise to take a new session's records now; empty while every one can. */
  Optional<String> refusal() {
    return sinks.stream().map(AuditSink::refusal).flatMap(Optional::stream).findFirst();
  }

  String describe() {
    return String.join(", ", sinks.stream().map(AuditSink::describe).toList());
  }
}
