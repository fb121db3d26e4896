package io.debugsession.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked-in CRD (what gets installed) must be what the api/ classes generate: the crd-generator plugin writes
 * target/kubernetes/ at process-classes, before the tests run, and this compares the two.
 */
class CrdDriftTest {

  private static final Path GENERATED = Path.of("target", "kubernetes", "debugsessions.debugsession.io-v1.yml");

  @Test
  void checkedInCrdMatchesTheApiClasses() throws IOException {
    // Arrange
    assertThat(GENERATED).as("%s is missing: run ./mvnw process-classes first", GENERATED).exists();
    String checkedIn = Files.readString(CrdSchema.CHECKED_IN);
    String generated = Files.readString(GENERATED);

    // Act
    Optional<String> drift = drift(checkedIn, generated);

    // Assert
    assertThat(drift).withFailMessage(drift.orElse("")).isEmpty();
  }

  @Test
  void driftMessageNamesTheFirstDifferenceAndTheFix() {
    // Arrange
    String checkedIn = "kind: CustomResourceDefinition\nspec:\n  group: debugsession.io\n";
    String generated = "kind: CustomResourceDefinition\r\nspec:\r\n  group: debugsession.dev\r\n";

    // Act
    Optional<String> drift = drift(checkedIn, generated);

    // Assert
    assertThat(drift).contains("crds/debugsessions.debugsession.io-v1.yml differs from what the api/ classes "
        + "generate (target/kubernetes/debugsessions.debugsession.io-v1.yml), first at line 3:\n"
        + "  checked in: '  group: debugsession.io'\n"
        + "  generated:  '  group: debugsession.dev'\n"
        + "Run ./mvnw -Pupdate-crds process-classes and commit crds/.");
  }

  @Test
  void lineEndingsAreNoDrift() {
    // Arrange
    String checkedIn = "kind: CustomResourceDefinition\nspec: {}\n";
    String generated = "kind: CustomResourceDefinition\r\nspec: {}\r\n";

    // Act
    Optional<String> drift = drift(checkedIn, generated);

    // Assert
    assertThat(drift).isEmpty();
  }

  @Test
  void crdHasThePrinterColumnsKubectlShows() {
    // Act
    List<String> columns = version().getAdditionalPrinterColumns().stream()
        .filter(c -> c.getPriority() == null || c.getPriority() == 0)
        .map(CustomResourceColumnDefinition::getName)
        .toList();

    // Assert
    assertThat(columns).containsExactlyInAnyOrder("Phase", "Pod", "Expires", "Age");
  }

  @Test
  void crdHasShortNameDbg() {
    // Act
    List<String> shortNames = crd().getSpec().getNames().getShortNames();

    // Assert
    assertThat(shortNames).containsExactly("dbg");
  }

  @Test
  void crdHasStatusSubresource() {
    // Act
    Object status = version().getSubresources().getStatus();

    // Assert
    assertThat(status).isNotNull();
  }

  @Test
  void crdCarriesCelValidationsWhereTheApiClassesDeclareThem() {
    // Arrange
    JSONSchemaProps root = version().getSchema().getOpenAPIV3Schema();

    // Act
    List<String> nodesWithRules = nodesWithRules(root, "").toList();

    // Assert
    assertThat(nodesWithRules).containsExactly("(root)", "spec", "spec.ttl");
  }

  /** Why {@code checkedIn} is stale, if it is; line endings aside, the generator's output is byte-for-byte stable. */
  static Optional<String> drift(String checkedIn, String generated) {
    List<String> expected = generated.lines().toList();
    List<String> actual = checkedIn.lines().toList();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String want = i < expected.size() ? expected.get(i) : "<end of file>";
      String have = i < actual.size() ? actual.get(i) : "<end of file>";
      if (!want.equals(have)) {
        return Optional.of(String.format(
            "crds/debugsessions.debugsession.io-v1.yml differs from what the api/ classes generate (%s), first at "
                + "line %d:\n  checked in: '%s'\n  generated:  '%s'\nRun ./mvnw -Pupdate-crds process-classes and "
                + "commit crds/.",
            "target/kubernetes/debugsessions.debugsession.io-v1.yml", i + 1, have, want));
      }
    }
    return Optional.empty();
  }

  private static Stream<String> nodesWithRules(JSONSchemaProps node, String path) {
    Stream<String> here = node.getXKubernetesValidations() == null || node.getXKubernetesValidations().isEmpty()
        ? Stream.empty()
        : Stream.of(path.isEmpty() ? "(root)" : path);
    Stream<String> below = node.getProperties() == null
        ? Stream.empty()
        : new TreeMap<>(node.getProperties()).entrySet().stream()
            .flatMap(p -> nodesWithRules(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey()));
    return Stream.concat(here, below);
  }

  private static CustomResourceDefinition crd() {
    try {
      String yaml = Files.readString(CrdSchema.CHECKED_IN);
      return new KubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CustomResourceDefinitionVersion version() {
    return crd().getSpec().getVersions().get(0);
  }
}
