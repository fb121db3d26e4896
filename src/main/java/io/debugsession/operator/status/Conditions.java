package io.debugsession.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The one place conditions are written, so that lastTransitionTime moves only when the status does. */
public final class Conditions {

  /** The reason of {@link ConditionType#AuditSpoolFull}. */
  public static final String SPOOL_FULL = "SpoolFull";

  private Conditions() {}

  public static void set(List<Condition> conditions, ConditionType type, boolean status, String reason, String message,
      Long generation, Instant now) {
    String value = status ? "True" : "False";
    Condition existing = find(conditions, type);
    String since = existing != null && value.equals(existing.getStatus())
        ? existing.getLastTransitionTime()
        : now.toString();
    Condition updated = new ConditionBuilder()
        .withType(type.name())
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

  public static Condition find(List<Condition> conditions, ConditionType type) {
    return conditions.stream().filter(c -> type.name().equals(c.getType())).findFirst().orElse(null);
  }

  /** Whether the condition of {@code type} is there and True. */
  public static boolean isTrue(List<Condition> conditions, ConditionType type) {
    Condition c = find(conditions, type);
    return c != null && "True".equals(c.getStatus());
  }
}
