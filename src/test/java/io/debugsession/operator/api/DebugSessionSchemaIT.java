package io.debugsession.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.Refusal;
import io.debugsession.operator.testsupport.cluster.TestNamespace;
import io.debugsession.operator.testsupport.cluster.TestUser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the real API server accepts and refuses for DebugSessions by the installed CRD's schema and CEL rules, in its
 * own words (each cause as "field: message"). Everything is sent by alice, the requester: a create as a dry run; an
 * update as she can send it, a JSON patch of spec (her role grants patch, not update), dry-run against an old
 * session created for real under a name of its own. Sessions name her as requester, which the identity admission
 * policy requires of a create; it runs after the schema and CEL, so it never hides their refusals.
 */
class DebugSessionSchemaIT {

  private static final String NAMESPACE = "schema";

  private static final String MINIMAL_SPEC = """
      requester: alice
      target:
        pod: checkout-7d9f8-x2x9q
      image: busybox:1.37
      reason: INC-4711 checkout pods leak memory
      """;

  private static final String FULL_SPEC = """
      requester: alice
      target:
        pod: checkout-7d9f8-x2x9q
        container: app
      image: busybox:1.37
      command: [sh, -c]
      args: [cat /proc/1/root/etc/app/config.yaml]
      profile: general
      ttl: 1h30m
      reason: INC-4711 checkout pods leak memory
      end: false
      """;

  private static final String POD_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  private static final String TTL_PATTERN =
      "^([0-9]{1,5}h([0-9]{1,5}m)?([0-9]{1,5}s)?|[0-9]{1,5}m([0-9]{1,5}s)?|[0-9]{1,5}s)$";
  /** Added by the server when schema errors kept it from evaluating the CEL rules. */
  private static final String RULES_NOT_CHECKED = "<nil>: Invalid value: null: some validation rules were not "
      + "checked because the object was invalid; correct the existing errors to complete validation";

  private static final AtomicInteger OLD_SESSIONS = new AtomicInteger();
  private static KubernetesClient alice;

  @BeforeAll
  static void prepareNamespace() {
    RealCluster cluster = RealCluster.get();
    try (KubernetesClient admin = cluster.client(TestUser.ADMIN)) {
      TestNamespace.prepare(admin, NAMESPACE);
    }
    alice = cluster.client(TestUser.REQUESTER);
  }

  @AfterAll
  static void closeClient() {
    alice.close();
  }

  @Test
  void acceptsMinimalSession() {
    // Act
    List<String> errors = create(session(MINIMAL_SPEC));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsFullSession() {
    // Act
    List<String> errors = create(session(FULL_SPEC));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsSessionWithoutSpec() {
    // Arrange
    String noSpec = """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugSession
        metadata:
          name: checkout-oom
          namespace: schema
        """;

    // Act
    List<String> errors = create(noSpec);

    // Assert
    assertThat(errors).containsExactly("<nil>: Invalid value: \"object\": spec is required");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      'target:\\n  pod: checkout-7d9f8-x2x9q\\n'      | spec.target
      'image: busybox:1.37\\n'                        | spec.image
      'reason: INC-4711 checkout pods leak memory\\n' | spec.reason
      """)
  void rejectsSpecWithoutARequiredField(String lines, String field) {
    // Arrange
    String spec = MINIMAL_SPEC.replace(lines.translateEscapes(), "");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly(field + ": Required value", RULES_NOT_CHECKED);
  }

  @Test
  void rejectsPodNameWithUppercase() {
    // Arrange
    String spec = MINIMAL_SPEC.replace("pod: checkout-7d9f8-x2x9q", "pod: Checkout-7d9f8-x2x9q");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.target.pod: Invalid value: \"Checkout-7d9f8-x2x9q\": spec.target.pod "
        + "in body should match '" + POD_PATTERN + "'");
  }

  @Test
  void rejectsUnknownProfile() {
    // Arrange
    String spec = FULL_SPEC.replace("profile: general", "profile: root");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.profile: Unsupported value: \"root\": supported values: "
            + "\"baseline\", \"general\", \"netadmin\", \"restricted\", \"sysadmin\"",
        RULES_NOT_CHECKED);
  }

  @ParameterizedTest(name = "ttl \"{0}\"")
  @ValueSource(strings = {"", "1", "15", "abc", "15 m", "999999h", "h", "1h30"})
  void rejectsTtlThatIsNotADuration(String ttl) {
    // Arrange
    String spec = FULL_SPEC.replace("ttl: 1h30m", "ttl: '" + ttl + "'");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.ttl: Invalid value: \"" + ttl + "\": spec.ttl in body should match '" + TTL_PATTERN + "'");
  }

  @Test
  void acceptsCommandAndArgsOfTheLongestLength() {
    // Arrange: four items of 4096 characters, 16384 in all
    String longest = "x".repeat(4096);
    String spec = FULL_SPEC.replace("command: [sh, -c]", "command: [" + longest + ", " + longest + "]")
        .replace("args: [cat /proc/1/root/etc/app/config.yaml]", "args: [" + longest + ", " + longest + "]");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsACommandItemLongerThan4096Characters() {
    // Arrange
    String spec = FULL_SPEC.replace("command: [sh, -c]", "command: [sh, -c, " + "x".repeat(4097) + "]");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.command[2]: Too long: may not be more than 4096 bytes", RULES_NOT_CHECKED);
  }

  @Test
  void rejectsAnArgsItemLongerThan4096Characters() {
    // Arrange
    String spec = FULL_SPEC.replace("args: [cat /proc/1/root/etc/app/config.yaml]",
        "args: [" + "x".repeat(4097) + "]");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.args[0]: Too long: may not be more than 4096 bytes", RULES_NOT_CHECKED);
  }

  @Test
  void rejectsCommandAndArgsLongerThan16384CharactersTogether() {
    // Arrange: five items of 4000 characters, each within its own limit
    String item = "x".repeat(4000);
    String spec = FULL_SPEC.replace("command: [sh, -c]", "command: [sh, -c, " + item + "]")
        .replace("args: [cat /proc/1/root/etc/app/config.yaml]", "args: [" + String.join(", ",
            List.of(item, item, item, item)) + "]");

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec: Invalid value: \"object\": command and args together must not exceed 16384 characters");
  }

  @ParameterizedTest(name = "ttl {0}")
  @ValueSource(strings = {"30s", "59s", "24h1s", "25h"})
  void rejectsTtlOutsideOneMinuteToOneDay(String ttl) {
    // Arrange
    String spec = FULL_SPEC.replace("ttl: 1h30m", "ttl: " + ttl);

    // Act
    List<String> errors = create(session(spec));

    // Assert: a failed CEL rule shows the type of the value, not the value
    assertThat(errors).containsExactly("spec.ttl: Invalid value: \"string\": ttl must be between 1m and 24h");
  }

  @ParameterizedTest(name = "ttl {0}")
  @ValueSource(strings = {"1m", "60s", "24h", "23h59m60s"})
  void acceptsTtlAtTheBounds(String ttl) {
    // Arrange
    String spec = FULL_SPEC.replace("ttl: 1h30m", "ttl: " + ttl);

    // Act
    List<String> errors = create(session(spec));

    // Assert
    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', textBlock = """
      pod: checkout-7d9f8-x2x9q                 | pod: checkout-7d9f8-k4m2p                | spec.target is immutable
      container: app                            | container: sidecar                       | spec.target is immutable
      image: busybox:1.37                       | image: busybox:1.36                      | spec.image is immutable
      profile: general                          | profile: sysadmin                        | spec.profile is immutable
      reason: INC-4711 checkout pods leak memory | reason: routine check                   | spec.reason is immutable
      ttl: 1h30m                                | ttl: 24h                                 | spec.ttl is immutable
      command: [sh, -c]                         | command: [bash, -c]                      | spec.command is immutable
      args: [cat /proc/1/root/etc/app/config.yaml] | args: [rm -rf /proc/1/root/tmp]       | spec.args is immutable
      """)
  void rejectsChangingAFieldFixedAtCreation(String before, String after, String message) {
    // Arrange
    String old = session(FULL_SPEC);
    String changed = session(FULL_SPEC.replace(before, after));

    // Act
    List<String> errors = update(old, changed);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": " + message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      ttl: 1h30m                                   | spec.ttl is immutable
      command: [sh, -c]                            | spec.command is immutable
      args: [cat /proc/1/root/etc/app/config.yaml] | spec.args is immutable
      """)
  void rejectsAddingAnOptionalField(String line, String message) {
    // Arrange
    String old = session(MINIMAL_SPEC);
    String added = session(MINIMAL_SPEC + line + "\n");

    // Act
    List<String> errors = update(old, added);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": " + message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      ttl: 1h30m                                   | spec.ttl is immutable
      command: [sh, -c]                            | spec.command is immutable
      args: [cat /proc/1/root/etc/app/config.yaml] | spec.args is immutable
      """)
  void rejectsRemovingAnOptionalField(String line, String message) {
    // Arrange
    String old = session(FULL_SPEC);
    String removed = session(FULL_SPEC.replace(line + "\n", ""));

    // Act
    List<String> errors = update(old, removed);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": " + message);
  }

  @Test
  void acceptsEndingTheSession() {
    // Arrange
    String old = session(FULL_SPEC);
    String ended = session(FULL_SPEC.replace("end: false", "end: true"));

    // Act
    List<String> errors = update(old, ended);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsEndingASessionThatNeverSetEnd() {
    // Arrange
    String old = session(MINIMAL_SPEC);
    String ended = session(MINIMAL_SPEC + "end: true\n");

    // Act
    List<String> errors = update(old, ended);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsEndingTheSessionNamingWhoEndsIt() {
    // Arrange
    String old = session(MINIMAL_SPEC);
    String ended = session(MINIMAL_SPEC + "end: true\nendedBy: alice\n");

    // Act
    List<String> errors = update(old, ended);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsEndedByWithoutEnd() {
    // Act
    List<String> errors = create(session(MINIMAL_SPEC + "endedBy: alice\n"));

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": spec.endedBy is set together with spec.end: "
        + "true");
  }

  @Test
  void rejectsNamingWhoEndedASessionAlreadyEnded() {
    // Arrange: ended by its requester, who did not name herself; someone names another afterwards
    String old = session(MINIMAL_SPEC + "end: true\n");
    String named = session(MINIMAL_SPEC + "end: true\nendedBy: alice\n");

    // Act
    List<String> errors = update(old, named);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": spec.endedBy is set in the update that "
        + "sets spec.end, and cannot change afterwards");
  }

  @Test
  void rejectsChangingWhoEndedASession() {
    // Arrange
    String old = session(MINIMAL_SPEC + "end: true\nendedBy: alice\n");
    String changed = session(MINIMAL_SPEC + "end: true\nendedBy: bob\n");

    // Act
    List<String> errors = update(old, changed);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": spec.endedBy is set in the update that "
        + "sets spec.end, and cannot change afterwards");
  }

  @Test
  void rejectsUnsettingEnd() {
    // Arrange
    String old = session(FULL_SPEC.replace("end: false", "end: true"));
    String unset = session(FULL_SPEC);

    // Act
    List<String> errors = update(old, unset);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": spec.end cannot be unset once true");
  }

  @Test
  void rejectsRemovingEndOnceTrue() {
    // Arrange
    String old = session(FULL_SPEC.replace("end: false", "end: true"));
    String removed = session(FULL_SPEC.replace("end: false\n", ""));

    // Act
    List<String> errors = update(old, removed);

    // Assert
    assertThat(errors).containsExactly("spec: Invalid value: \"object\": spec.end cannot be unset once true");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minimal", "full"})
  void acceptsUnchangedUpdate(String sample) {
    // Arrange
    String object = session(sample.equals("minimal") ? MINIMAL_SPEC : FULL_SPEC);

    // Act
    List<String> errors = update(object, object);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsUpdateThatSpellsOutTheDefaultProfile() {
    // Arrange
    String old = session(MINIMAL_SPEC);
    String explicit = session(MINIMAL_SPEC + "profile: baseline\n");

    // Act
    List<String> errors = update(old, explicit);

    // Assert
    assertThat(errors).isEmpty();
  }

  private static String session(String spec) {
    return """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugSession
        metadata:
          name: checkout-oom
          namespace: schema
        spec:
        """ + spec.indent(2);
  }

  /** Why the server refuses alice's create of {@code yaml} (a dry run); empty when it accepts it. */
  private static List<String> create(String yaml) {
    return Refusal.causes(() -> alice.resource(parse(yaml)).dryRun().create());
  }

  /** Why the server refuses alice's change of {@code oldYaml}, created for real, to {@code yaml} (a dry run). */
  private static List<String> update(String oldYaml, String yaml) {
    GenericKubernetesResource old = parse(oldYaml);
    old.getMetadata().setName(old.getMetadata().getName() + "-" + OLD_SESSIONS.incrementAndGet());
    GenericKubernetesResource created = alice.resource(old).create();
    Object spec = parse(yaml).getAdditionalProperties().get("spec");
    String replaceSpec = alice.getKubernetesSerialization()
        .asJson(List.of(Map.of("op", "replace", "path", "/spec", "value", spec)));
    return Refusal.causes(() -> alice.resource(created).dryRun().patch(PatchContext.of(PatchType.JSON), replaceSpec));
  }

  private static GenericKubernetesResource parse(String yaml) {
    return alice.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }
}
