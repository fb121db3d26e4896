package io.debugsession.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** config/admission is complete, its policies compile, deny, and find the params they are configured with. */
class AdmissionManifestsTest {

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    // Arrange
    List<String> listed = AdmissionPolicy.documents("kustomization.yaml").get(0).path("resources").valueStream()
        .map(JsonNode::asString)
        .toList();

    // Act
    List<String> files;
    try (Stream<Path> paths = Files.list(AdmissionPolicy.DIRECTORY)) {
      files = paths.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
          .toList();
    }

    // Assert
    assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void defaultKustomizationIncludesAdmission() {
    // Act
    JsonNode kustomization = yaml(Path.of("config", "default", "kustomization.yaml"));

    // Assert
    assertThat(kustomization.path("resources").valueStream().map(JsonNode::asString)).contains("../admission");
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity_policy.yaml", "approvers_policy.yaml", "bypass_guard_policy.yaml"})
  void bindingDenies(String file) {
    // Act
    AdmissionPolicy policy = AdmissionPolicy.load(file);

    // Assert
    assertThat(policy.bindingSpec().path("validationActions").valueStream().map(JsonNode::asString))
        .containsExactly("Deny");
  }

  @Test
  void bypassGuardFindsTheShippedConfigMap() {
    // Arrange
    JsonNode paramRef = AdmissionPolicy.load("bypass_guard_policy.yaml").bindingSpec().path("paramRef");

    // Act
    JsonNode configMap = AdmissionFixtures.shippedConfigMap();

    // Assert
    assertThat(configMap.at("/metadata/name").asString()).isEqualTo(paramRef.path("name").asString());
    assertThat(configMap.at("/metadata/namespace").asString()).isEqualTo(paramRef.path("namespace").asString());
    assertThat(paramRef.path("parameterNotFoundAction").asString()).isEqualTo("Deny");
  }

  @Test
  void approversPolicyReadsEveryDebugPolicy() {
    // Act
    JsonNode paramRef = AdmissionPolicy.load("approvers_policy.yaml").bindingSpec().path("paramRef");

    // Assert
    assertThat(paramRef.path("selector").isObject() && paramRef.path("selector").isEmpty()).isTrue();
    assertThat(paramRef.has("namespace")).isFalse();
    assertThat(paramRef.path("parameterNotFoundAction").asString()).isEqualTo("Allow");
  }

  private static JsonNode yaml(Path file) {
    try {
      return AdmissionFixtures.yaml(Files.readString(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
