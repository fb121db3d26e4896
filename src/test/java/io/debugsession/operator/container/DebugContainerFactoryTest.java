package io.debugsession.operator.container;

import static io.debugsession.operator.lifecycle.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebugContainerFactoryTest {

  private static final Instant EXPIRES_AT = Instant.parse("2030-05-01T10:15:30Z");
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final String NAME = "debug-checkout-debug-1a2b3c4d";

  private static EphemeralContainer build(DebugSessionSpec spec) {
    return DebugContainerFactory.build(spec, NAME, "app", EXPIRES_AT, GRACE);
  }

  @Test
  void namesTheContainerAndItsTarget() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getName()).isEqualTo(NAME);
    assertThat(container.getImage()).isEqualTo("busybox:1.37");
    assertThat(container.getTargetContainerName()).isEqualTo("app");
  }

  @Test
  void isInteractive() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getStdin()).isTrue();
    assertThat(container.getTty()).isTrue();
  }

  @Test
  void keepsTheTerminalOutOfThePodStatus() {
    // FallbackToLogsOnError would put the terminal's last lines into status.ephemeralContainerStatuses when the
    // debugger is killed at its TTL (exit 137), for anyone who may get pods to read (seen on the real node).
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
  }

  @Test
  void runsTheDeadlineWrapper() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getCommand()).isEqualTo(DebugProcessScripts.wrapperCommand());
  }

  @Test
  void passesShToTheWrapperWhenNoCommandIsGiven() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getArgs()).containsExactly("sh");
  }

  @Test
  void passesTheDefaultShellWithTheUsersArgsWhenOnlyArgsAreGiven() {
    EphemeralContainer container = build(session().args("-c", "ps aux").build().getSpec());

    assertThat(container.getArgs()).containsExactly("sh", "-c", "ps aux");
  }

  @Test
  void passesTheUsersCommandAndArgsToTheWrapper() {
    EphemeralContainer container = build(session().command("tcpdump").args("-i", "any").build().getSpec());

    assertThat(container.getArgs()).containsExactly("tcpdump", "-i", "any");
  }

  @Test
  void hasTheDeadlineAndGraceInItsEnvironment() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getEnv()).containsExactly(
        new EnvVar("DEBUGSESSION_EXPIRES_AT", Long.toString(EXPIRES_AT.getEpochSecond()), null),
        new EnvVar("DEBUGSESSION_GRACE_SECONDS", "10", null));
  }

  @Test
  void writesTheDeadlineAsEpochSeconds() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(container.getEnv().get(0).getValue()).isEqualTo("1903860930");
  }

  @Test
  void carriesTheProfilesSecurityContext() {
    EphemeralContainer container = build(session().profile(Profile.RESTRICTED).build().getSpec());

    assertThat(container.getSecurityContext()).isEqualTo(SecurityProfiles.securityContextFor(Profile.RESTRICTED));
  }

  @Test
  void fallsBackToBaselineWhenTheProfileIsMissing() {
    EphemeralContainer container = build(session().profile(null).build().getSpec());

    assertThat(container.getSecurityContext()).isNull();
  }

  @Test
  void hasNothingAnEphemeralContainerMayNotHave() {
    EphemeralContainer container = build(session().profile(Profile.SYSADMIN).build().getSpec());

    assertThat(container.getPorts()).isNullOrEmpty();
    assertThat(container.getResources()).isNull();
    assertThat(container.getLivenessProbe()).isNull();
    assertThat(container.getReadinessProbe()).isNull();
    assertThat(container.getStartupProbe()).isNull();
    assertThat(container.getLifecycle()).isNull();
    assertThat(container.getVolumeMounts()).isNullOrEmpty();
  }

  @Test
  void deadlineOfReadsBackTheDeadlineItWrote() {
    EphemeralContainer container = build(session().build().getSpec());

    assertThat(DebugContainerFactory.deadlineOf(container)).contains(EXPIRES_AT);
  }

  @Test
  void deadlineOfIsEmptyWithoutEnvironment() {
    EphemeralContainer container = new EphemeralContainerBuilder().withName(NAME).build();

    assertThat(DebugContainerFactory.deadlineOf(container)).isEmpty();
  }

  @Test
  void deadlineOfIsEmptyWithoutTheDeadlineVariable() {
    EphemeralContainer container = new EphemeralContainerBuilder().withName(NAME)
        .withEnv(new EnvVar("DEBUGSESSION_GRACE_SECONDS", "10", null)).build();

    assertThat(DebugContainerFactory.deadlineOf(container)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "soon", "2030-05-01T10:15:30Z", "1.5", "99999999999999999", "-99999999999999999",
      "99999999999999999999"})
  void deadlineOfIsEmptyForAGarbledDeadline(String value) {
    EphemeralContainer container = new EphemeralContainerBuilder().withName(NAME)
        .withEnv(new EnvVar("DEBUGSESSION_EXPIRES_AT", value, null)).build();

    assertThat(DebugContainerFactory.deadlineOf(container)).isEmpty();
  }

  @Test
  void deadlineOfIgnoresAVariableSetFromElsewhere() {
    EphemeralContainer container = new EphemeralContainerBuilder().withName(NAME)
        .withEnv(List.of(new EnvVar("DEBUGSESSION_EXPIRES_AT", null, null))).build();

    assertThat(DebugContainerFactory.deadlineOf(container)).isEmpty();
  }
}
