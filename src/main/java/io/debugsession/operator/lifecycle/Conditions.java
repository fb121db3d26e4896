package io.debugsession.operator.lifecycle;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The one place conditions are written, so that lastTransitionTime moves only when the status does. */
public final class Conditions {

  public static final String INJECTED = "Injected";
  public static final String DEBUG_CONTAINER_RUNNING = "DebugContainerRunning";
  public static final String STOPPED = "Stopped";
  public static final String APPROVED = "Approved";
  public static final String EVICTED = "Evicted";
  /** True while the kubelet reports the debug container running after the operator's SIGKILL. */
  public static final String STOP_FAILING = "StopFailing";
  /** Set, True, on a session denied because the audit spool was full. */
  public static final String AUDIT_SPOOL_FULL = "AuditSpoolFull";
  /** The reason of {@link #AUDIT_SPOOL_FULL}. */
  public static final String SPOOL_FULL = "SpoolFull";

  private Conditions() {}

  public static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
      Long generation, Instant now) {
    String value = status ? "True" : "False";
    Condition existing = find(conditions, type);
    String since = existing != null && value.equals(existing.getStatus())
        ? existing.getLastTransitionTime()
        : now.toString();
    Condition updated = new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
    if (existing == null) {
      conditions.add(updated);
    } else if (!Objects.equals(existing, updated)) {
      conditions.set(conditions.indexOf(existing), updated);
    }
  }

  public static Condition find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
