package io.debugsession.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant EARLIER = Instant.parse("2030-05-01T10:00:00Z");
  private static final Instant LATER = Instant.parse("2030-05-01T10:05:00Z");

  private static List<Condition> injectedFalseSince(Instant since) {
    List<Condition> conditions = new ArrayList<>();
    Conditions.set(conditions, ConditionType.Injected, false, "TargetPodNotFound", "Waiting", 1L, since);
    return conditions;
  }

  @Test
  void newConditionStartsNow() {
    List<Condition> conditions = new ArrayList<>();

    Conditions.set(conditions, ConditionType.Injected, false, "TargetPodNotFound", "Waiting", 2L, EARLIER);

    assertThat(conditions).containsExactly(new ConditionBuilder()
        .withType("Injected").withStatus("False").withReason("TargetPodNotFound").withMessage("Waiting")
        .withObservedGeneration(2L).withLastTransitionTime("2030-05-01T10:00:00Z").build());
  }

  @Test
  void sameStatusKeepsTheLastTransitionTimeButTakesTheNewReasonAndMessage() {
    List<Condition> conditions = injectedFalseSince(EARLIER);

    Conditions.set(conditions, ConditionType.Injected, false, "TargetContainerNotRunning", "Still waiting", 2L, LATER);

    Condition injected = Conditions.find(conditions, ConditionType.Injected);
    assertThat(injected.getLastTransitionTime()).isEqualTo("2030-05-01T10:00:00Z");
    assertThat(injected.getReason()).isEqualTo("TargetContainerNotRunning");
    assertThat(injected.getMessage()).isEqualTo("Still waiting");
    assertThat(injected.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void changedStatusMovesTheLastTransitionTime() {
    List<Condition> conditions = injectedFalseSince(EARLIER);

    Conditions.set(conditions, ConditionType.Injected, true, "Added", "Added", 1L, LATER);

    Condition injected = Conditions.find(conditions, ConditionType.Injected);
    assertThat(injected.getStatus()).isEqualTo("True");
    assertThat(injected.getLastTransitionTime()).isEqualTo("2030-05-01T10:05:00Z");
  }

  @Test
  void updateReplacesTheConditionInPlace() {
    List<Condition> conditions = injectedFalseSince(EARLIER);
    Conditions.set(conditions, ConditionType.Stopped, false, "Stopping", "Stopping", 1L, EARLIER);

    Conditions.set(conditions, ConditionType.Injected, true, "Added", "Added", 1L, LATER);

    assertThat(conditions).extracting(Condition::getType).containsExactly("Injected", "Stopped");
  }

  @Test
  void findIsNullForAnAbsentType() {
    List<Condition> conditions = injectedFalseSince(EARLIER);

    assertThat(Conditions.find(conditions, ConditionType.Stopped)).isNull();
  }
}
