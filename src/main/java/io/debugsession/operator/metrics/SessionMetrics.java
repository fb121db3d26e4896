package io.debugsession.operator.metrics;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.audit.record.AuditRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The sessions' metrics on /q/metrics, none of them per session (a label per session would grow without bound):
 * <ul>
 *   <li>{@code debugsession_sessions{phase}}: the sessions in each phase, as this replica's informer cache holds them
 *       (every replica has the cache; sum over one replica, e.g. {@code debugsession_leader == 1});
 *   <li>{@code debugsession_injections_total}, {@code debugsession_denials_total{reason}};
 *   <li>{@code debugsession_activation_seconds}: from the DebugSession's creation to its debug container's start;
 *   <li>{@code debugsession_expiry_lateness_seconds}: from {@code expiresAt} to the debugger's stop, as recorded.
 * </ul>
 * The counters and timers count what this replica recorded in the audit trail, i.e. while it led.
 */
public final class SessionMetrics {

  private static final Duration[] ACTIVATION_BUCKETS = seconds(1, 2, 5, 10, 30, 60, 120, 300);
  private static final Duration[] LATENESS_BUCKETS = seconds(1, 5, 10, 15, 20, 30, 60, 120, 300);

  private final MeterRegistry registry;
  private final Function<AuditRecord, Optional<Instant>> creationTime;
  private final Counter injections;
  private final Timer activation;
  private final Timer lateness;

  /**
   * @param sessions the sessions in this replica's cache, read at each scrape
   * @param creationTime the creationTimestamp of the session a record is about, if it is still known
   */
  public SessionMetrics(MeterRegistry registry, Supplier<Stream<DebugSession>> sessions,
      Function<AuditRecord, Optional<Instant>> creationTime) {
    this.registry = registry;
    this.creationTime = creationTime;
    for (Phase phase : Phase.values()) {
      Gauge.builder("debugsession.sessions", sessions, s -> s.get().filter(d -> phaseOf(d) == phase).count())
          .description("DebugSessions in this phase").tag("phase", phase.name())
          // The supplier exists only here: a gauge holds its object weakly, and would lose it at the next GC.
          .strongReference(true).register(registry);
    }
    injections = Counter.builder("debugsession.injections").description("Debug containers added to pods")
        .register(registry);
    activation = Timer.builder("debugsession.activation")
        .description("From a DebugSession's creation to its debug container's start")
        .serviceLevelObjectives(ACTIVATION_BUCKETS).register(registry);
    lateness = Timer.builder("debugsession.expiry.lateness")
        .description("From a session's expiresAt to the recorded stop of its debugger")
        .serviceLevelObjectives(LATENESS_BUCKETS).register(registry);
  }

  /** Counts what {@code record}, just chained, tells. */
  public void chained(AuditRecord record) {
    SessionObservation.of(record, creationTime.apply(record)).ifPresent(this::count);
  }

  private void count(SessionObservation observation) {
    if (observation instanceof SessionObservation.Injected injected) {
      injections.increment();
      injected.sinceCreation().ifPresent(activation::record);
    } else if (observation instanceof SessionObservation.Denied denied) {
      Counter.builder("debugsession.denials").description("Sessions denied, by reason")
          .tag("reason", denied.reason()).register(registry).increment();
    } else if (observation instanceof SessionObservation.Expired expired) {
      lateness.record(expired.lateness());
    }
  }

  private static Phase phaseOf(DebugSession session) {
    return session.getStatus() == null ? null : session.getStatus().getPhase();
  }

  private static Duration[] seconds(long... values) {
    return Arrays.stream(values).mapToObj(Duration::ofSeconds).toArray(Duration[]::new);
  }
}
