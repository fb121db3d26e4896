package io.debugsession.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The checked-in CRDs (what gets installed) must be what the api/ classes generate: the crd-generator plugin writes
 * target/kubernetes/ at process-classes, before the tests run, and this compares every file there with crds/, and
 * checks that crds/ holds no other CRD and that crds/kustomization.yaml lists them all.
 */
class CrdDriftTest {

  private static final Path GENERATED_DIR = Path.of("target", "kubernetes");
  private static final Path CHECKED_IN_DIR = Path.of("crds");
  private static final String CRD_SUFFIX = "-v1.yml";

  @ParameterizedTest(name = "{0}")
  @MethodSource("generatedCrds")
  void checkedInCrdMatchesTheApiClasses(String fileName) throws IOException {
    // Arrange
    Path checkedInFile = CHECKED_IN_DIR.resolve(fileName);
    assertThat(checkedInFile).as("%s is generated but not checked in: run ./mvnw -Pupdate-crds process-classes and "
        + "commit crds/", fileName).exists();
    String checkedIn = Files.readString(checkedInFile);
    String generated = Files.readString(GENERATED_DIR.resolve(fileName));

    // Act
    Optional<String> drift = drift(fileName, checkedIn, generated);

    // Assert
    assertThat(drift).withFailMessage(drift.orElse("")).isEmpty();
  }

  @Test
  void crdsHoldsNoCrdTheApiClassesNoLongerGenerate() throws IOException {
    // Act
    List<String> checkedIn = crdFiles(CHECKED_IN_DIR);

    // Assert
    assertThat(checkedIn).containsExactlyElementsOf(generatedCrds().toList());
  }

  @Test
  void kustomizationListsEveryCheckedInCrd() throws IOException {
    // Arrange
    String kustomization = Files.readString(CHECKED_IN_DIR.resolve("kustomization.yaml"));

    // Act
    JsonNode listed = YAMLMapper.builder().build().readTree(kustomization).path("resources");
    List<String> resources = listed.values().stream().map(JsonNode::asString).toList();

    // Assert
    assertThat(resources).containsExactlyInAnyOrderElementsOf(crdFiles(CHECKED_IN_DIR));
  }

  @Test
  void driftMessageNamesTheFileTheFirstDifferenceAndTheFix() {
    // Arrange
    String checkedIn = "kind: CustomResourceDefinition\nspec:\n  group: debugsession.io\n";
    String generated = "kind: CustomResourceDefinition\r\nspec:\r\n  group: debugsession.dev\r\n";

    // Act
    Optional<String> drift = drift("debugpolicies.debugsession.io-v1.yml", checkedIn, generated);

    // Assert
    assertThat(drift).contains("crds/debugpolicies.debugsession.io-v1.yml differs from what the api/ classes "
        + "generate (target/kubernetes/debugpolicies.debugsession.io-v1.yml), first at line 3:\n"
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
    Optional<String> drift = drift("debugsessions.debugsession.io-v1.yml", checkedIn, generated);

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

  /** The CRD files the generator wrote, by name; fails when it wrote none. */
  static Stream<String> generatedCrds() {
    assertThat(GENERATED_DIR).as("%s is missing: run ./mvnw process-classes first", GENERATED_DIR).isDirectory();
    try {
      List<String> files = crdFiles(GENERATED_DIR);
      assertThat(files).as("no CRD in %s: run ./mvnw process-classes first", GENERATED_DIR).isNotEmpty();
      return files.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> crdFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(CRD_SUFFIX)).sorted().toList();
    }
  }

  /** Why {@code checkedIn} is stale, if it is; line endings aside, the generator's output is byte-for-byte stable. */
  static Optional<String> drift(String fileName, String checkedIn, String generated) {
    List<String> expected = generated.lines().toList();
    List<String> actual = checkedIn.lines().toList();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String want = i < expected.size() ? expected.get(i) : "<end of file>";
      String have = i < actual.size() ? actual.get(i) : "<end of file>";
      if (!want.equals(have)) {
        return Optional.of(String.format(
            "crds/%s differs from what the api/ classes generate (target/kubernetes/%s), first at line %d:\n"
                + "  checked in: '%s'\n  generated:  '%s'\nRun ./mvnw -Pupdate-crds process-classes and commit "
                + "crds/.",
            fileName, fileName, i + 1, have, want));
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
      String yaml = Files.readString(CHECKED_IN_DIR.resolve("debugsessions.debugsession.io-v1.yml"));
      return new KubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CustomResourceDefinitionVersion version() {
    return crd().getSpec().getVersions().get(0);
  }
}
