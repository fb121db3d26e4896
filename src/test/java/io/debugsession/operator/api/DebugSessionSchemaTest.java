package io.debugsession.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the API server accepts and refuses for DebugSessions, by the checked-in CRD's schema and CEL rules. */
class DebugSessionSchemaTest {

  private static final CrdSchema CRD = CrdSchema.checkedIn();

  private static final String MINIMAL_SPEC = """
      target:
        pod: checkout-7d9f8-x2x9q
      image: busybox:1.37
      reason: INC-4711 checkout pods leak memory
      """;

  private static final String FULL_SPEC = """
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
  private static final String TTL_PATTERN = "^([0-9]{1,5}h)?([0-9]{1,5}m)?([0-9]{1,5}s)?$";

  @Test
  void acceptsMinimalSession() {
    // Act
    List<String> errors = CRD.validateCreate(session(MINIMAL_SPEC));

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsFullSession() {
    // Act
    List<String> errors = CRD.validateCreate(session(FULL_SPEC));

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
        """;

    // Act
    List<String> errors = CRD.validateCreate(noSpec);

    // Assert
    assertThat(errors).containsExactly("<nil>: spec is required");
  }

  @Test
  void rejectsSpecWithoutTarget() {
    // Arrange
    String spec = MINIMAL_SPEC.replace("target:\n  pod: checkout-7d9f8-x2x9q\n", "");

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.target: Required value", CrdSchema.RULES_NOT_CHECKED);
  }

  @Test
  void rejectsSpecWithoutImage() {
    // Arrange
    String spec = MINIMAL_SPEC.replace("image: busybox:1.37\n", "");

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.image: Required value", CrdSchema.RULES_NOT_CHECKED);
  }

  @Test
  void rejectsSpecWithoutReason() {
    // Arrange
    String spec = MINIMAL_SPEC.replace("reason: INC-4711 checkout pods leak memory\n", "");

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.reason: Required value", CrdSchema.RULES_NOT_CHECKED);
  }

  @Test
  void rejectsPodNameWithUppercase() {
    // Arrange
    String spec = MINIMAL_SPEC.replace("pod: checkout-7d9f8-x2x9q", "pod: Checkout-7d9f8-x2x9q");

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.target.pod: does not match the regex pattern " + POD_PATTERN);
  }

  @Test
  void rejectsUnknownProfile() {
    // Arrange
    String spec = FULL_SPEC.replace("profile: general", "profile: root");

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly(
        "spec.profile: Unsupported value: \"root\": supported values: "
            + "\"baseline\", \"general\", \"netadmin\", \"restricted\", \"sysadmin\"",
        CrdSchema.RULES_NOT_CHECKED);
  }

  @ParameterizedTest(name = "ttl \"{0}\"")
  @ValueSource(strings = {"15", "abc", "15 m", "999999h"})
  void rejectsTtlThatIsNotADuration(String ttl) {
    // Arrange
    String spec = FULL_SPEC.replace("ttl: 1h30m", "ttl: '" + ttl + "'");

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.ttl: does not match the regex pattern " + TTL_PATTERN);
  }

  @ParameterizedTest(name = "ttl {0}")
  @ValueSource(strings = {"30s", "59s", "24h1s", "25h"})
  void rejectsTtlOutsideOneMinuteToOneDay(String ttl) {
    // Arrange
    String spec = FULL_SPEC.replace("ttl: 1h30m", "ttl: " + ttl);

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

    // Assert
    assertThat(errors).containsExactly("spec.ttl: ttl must be between 1m and 24h");
  }

  @ParameterizedTest(name = "ttl {0}")
  @ValueSource(strings = {"1m", "60s", "24h", "23h59m60s"})
  void acceptsTtlAtTheBounds(String ttl) {
    // Arrange
    String spec = FULL_SPEC.replace("ttl: 1h30m", "ttl: " + ttl);

    // Act
    List<String> errors = CRD.validateCreate(session(spec));

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
    List<String> errors = CRD.validateUpdate(old, changed);

    // Assert
    assertThat(errors).containsExactly("spec: " + message);
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
    List<String> errors = CRD.validateUpdate(old, added);

    // Assert
    assertThat(errors).containsExactly("spec: " + message);
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
    List<String> errors = CRD.validateUpdate(old, removed);

    // Assert
    assertThat(errors).containsExactly("spec: " + message);
  }

  @Test
  void acceptsEndingTheSession() {
    // Arrange
    String old = session(FULL_SPEC);
    String ended = session(FULL_SPEC.replace("end: false", "end: true"));

    // Act
    List<String> errors = CRD.validateUpdate(old, ended);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsEndingASessionThatNeverSetEnd() {
    // Arrange
    String old = session(MINIMAL_SPEC);
    String ended = session(MINIMAL_SPEC + "end: true\n");

    // Act
    List<String> errors = CRD.validateUpdate(old, ended);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void rejectsUnsettingEnd() {
    // Arrange
    String old = session(FULL_SPEC.replace("end: false", "end: true"));
    String unset = session(FULL_SPEC);

    // Act
    List<String> errors = CRD.validateUpdate(old, unset);

    // Assert
    assertThat(errors).containsExactly("spec: spec.end cannot be unset once true");
  }

  @Test
  void rejectsRemovingEndOnceTrue() {
    // Arrange
    String old = session(FULL_SPEC.replace("end: false", "end: true"));
    String removed = session(FULL_SPEC.replace("end: false\n", ""));

    // Act
    List<String> errors = CRD.validateUpdate(old, removed);

    // Assert
    assertThat(errors).containsExactly("spec: spec.end cannot be unset once true");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"minimal", "full"})
  void acceptsUnchangedUpdate(String sample) {
    // Arrange
    String object = session(sample.equals("minimal") ? MINIMAL_SPEC : FULL_SPEC);

    // Act
    List<String> errors = CRD.validateUpdate(object, object);

    // Assert
    assertThat(errors).isEmpty();
  }

  @Test
  void acceptsUpdateThatSpellsOutTheDefaultProfile() {
    // Arrange
    String old = session(MINIMAL_SPEC);
    String explicit = session(MINIMAL_SPEC + "profile: baseline\n");

    // Act
    List<String> errors = CRD.validateUpdate(old, explicit);

    // Assert
    assertThat(errors).isEmpty();
  }

  private static String session(String spec) {
    return """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugSession
        metadata:
          name: checkout-oom
          namespace: shop
        spec:
        """ + spec.indent(2);
  }
}
