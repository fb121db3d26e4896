package io.debugsession.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * config/admission is complete and part of config/default. What its policies do is shown on the real API server
 * (*PolicyIT), where config/default is installed: a manifest its kustomizations forget would not be, unnoticed.
 */
class AdmissionManifestsTest {

  private static final Path DIRECTORY = Path.of("config", "admission");

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    // Arrange
    List<String> listed = yaml(DIRECTORY.resolve("kustomization.yaml")).path("resources").valueStream()
        .map(JsonNode::asString)
        .toList();

    // Act
    List<String> files;
    try (Stream<Path> paths = Files.list(DIRECTORY)) {
      files = paths.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
          .toList();
    }

    // Assert
    assertThat(listed).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void defaultKustomizationIncludesAdmission() throws IOException {
    // Act
    JsonNode kustomization = yaml(Path.of("config", "default", "kustomization.yaml"));

    // Assert
    assertThat(kustomization.path("resources").valueStream().map(JsonNode::asString)).contains("../admission");
  }

  private static JsonNode yaml(Path file) throws IOException {
    return YAMLMapper.builder().build().readTree(Files.readString(file));
  }
}
