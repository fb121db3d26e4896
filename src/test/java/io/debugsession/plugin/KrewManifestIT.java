package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The krew manifest the build writes (target/krew/debugsession.yaml), checked against what krew's own validation
 * requires of a plugin manifest (apiVersion, kind, a name that is the file's, a one-line short description, a
 * v-prefixed semantic version, platforms with a uri, a lower-case sha256, a bin and a selector on os/arch only) and
 * against the archive it names: the sha256 is that archive's, and bin is a file in it. krew itself is not run here
 * (it is not installable on the test machines). An IT because it reads what the package phase made.
 */
class KrewManifestIT {

  private static final Path MANIFEST = Path.of("target", "krew", "debugsession.yaml");
  private static final String SEMVER = "^v(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
      + "(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$";

  @Test
  void theBuildsManifestIsAValidKrewPluginForTheArchiveItNames() throws Exception {
    JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
    JsonNode spec = manifest.path("spec");

    assertThat(manifest.path("apiVersion").asText()).isEqualTo("krew.googlecontainertools.github.com/v1alpha2");
    assertThat(manifest.path("kind").asText()).isEqualTo("Plugin");
    assertThat(manifest.path("metadata").path("name").asText()).isEqualTo("debugsession")
        .isEqualTo(MANIFEST.getFileName().toString().replace(".yaml", ""));
    assertThat(spec.path("shortDescription").asText()).isNotBlank().doesNotContain("\n", "\r");
    assertThat(spec.path("description").asText()).isNotBlank();
    assertThat(spec.path("version").asText()).matches(SEMVER);
    assertThat(spec.path("platforms")).hasSize(1);
    JsonNode platform = spec.path("platforms").get(0);
    JsonNode expression = platform.path("selector").path("matchExpressions").get(0);
    assertThat(List.of(expression.path("key").asText(), expression.path("operator").asText())).containsExactly("os",
        "In");
    assertThat(platform.path("selector").path("matchLabels").isMissingNode()).isTrue();
    assertThat(expression.path("values")).extracting(JsonNode::asText).containsExactlyInAnyOrder("linux", "darwin");
    assertThat(platform.has("files")).as("files unset: krew extracts the whole archive").isFalse();

    Path archive = Path.of(java.net.URI.create(platform.path("uri").asText()));
    assertThat(archive.getFileName().toString()).isEqualTo("kubectl-debugsession-"
        + spec.path("version").asText().substring(1) + ".tar.gz");
    assertThat(platform.path("sha256").asText()).matches("^[a-f0-9]{64}$").isEqualTo(sha256(archive));
    assertThat(tarEntries(archive)).contains(platform.path("bin").asText())
        .anyMatch(e -> e.startsWith("kubectl-debugsession-lib/debug-session-operator-"))
        .noneMatch(e -> e.endsWith(".jsa"));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** The names in the archive, as tar lists them. */
  private static List<String> tarEntries(Path archive) throws IOException, InterruptedException {
    Process tar = new ProcessBuilder("tar", "tzf", archive.toString()).redirectErrorStream(true).start();
    List<String> names = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(tar.waitFor()).as(String.join("\n", names)).isZero();
    return names;
  }
}
