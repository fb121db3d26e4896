package io.debugsession.operator.policy;

import static io.debugsession.operator.policy.PolicyFixtures.SHA256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      busybox                                   | docker.io                | library/busybox  | -      | -
      busybox:1.37                              | docker.io                | library/busybox  | 1.37   | -
      library/busybox:1.37                      | docker.io                | library/busybox  | 1.37   | -
      docker.io/busybox                         | docker.io                | library/busybox  | -      | -
      index.docker.io/library/busybox:latest    | docker.io                | library/busybox  | latest | -
      acme/tool:v1                              | docker.io                | acme/tool        | v1     | -
      ghcr.io/acme/tool                         | ghcr.io                  | acme/tool        | -      | -
      quay.io/a/b/c/d:1.0-rc_1                  | quay.io                  | a/b/c/d          | 1.0-rc_1 | -
      localhost/x                               | localhost                | x                | -      | -
      localhost:5000/x:tag                      | localhost:5000           | x                | tag    | -
      localhost:5000                            | docker.io                | library/localhost | 5000  | -
      registry.example.com:443/debug/tools/sh:2 | registry.example.com:443 | debug/tools/sh   | 2      | -
      Example/tool                              | Example                  | tool             | -      | -
      [::1]:5000/debug/shell                    | [::1]:5000               | debug/shell      | -      | -
      my-registry/tool                          | docker.io                | my-registry/tool | -      | -
      a__b/c.d-e--f                             | docker.io                | a__b/c.d-e--f    | -      | -
      """)
  void normalisesAsTheContainerRuntimeDoes(
      String reference, String registry, String repository, String tag, String digest) {
    // Act
    ImageReference image = ImageReference.parse(reference);

    // Assert
    assertThat(image).isEqualTo(new ImageReference(registry, repository, tag, digest));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      ghcr.io/acme/tool@SHA                | ghcr.io   | acme/tool       | -    | SHA
      ghcr.io/acme/tool:v1@SHA             | ghcr.io   | acme/tool       | v1   | SHA
      busybox@SHA                          | docker.io | library/busybox | -    | SHA
      localhost:5000/x:1@SHA               | localhost:5000 | x          | 1    | SHA
      """)
  void keepsTagAndDigestApart(String reference, String registry, String repository, String tag, String digest) {
    // Act
    ImageReference image = ImageReference.parse(reference.replace("SHA", SHA256));

    // Assert
    assertThat(image).isEqualTo(new ImageReference(registry, repository, tag, digest.replace("SHA", SHA256)));
    assertThat(image.hasDigest()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox                  | docker.io/library/busybox       | docker.io/library/busybox
      busybox:1.37             | docker.io/library/busybox       | docker.io/library/busybox:1.37
      ghcr.io/acme/tool:v1@SHA | ghcr.io/acme/tool               | ghcr.io/acme/tool:v1@SHA
      localhost:5000/x:tag     | localhost:5000/x                | localhost:5000/x:tag
      """)
  void namesRegistryAndRepositoryAndPrintsTheFullReference(String reference, String name, String full) {
    // Act
    ImageReference image = ImageReference.parse(reference.replace("SHA", SHA256));

    // Assert
    assertThat(image.name()).isEqualTo(name);
    assertThat(image).hasToString(full.replace("SHA", SHA256));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox:1.37        | false
      busybox             | false
      busybox@SHA         | true
      """)
  void hasDigestOnlyWhenPinned(String reference, boolean pinned) {
    // Act
    boolean hasDigest = ImageReference.parse(reference.replace("SHA", SHA256)).hasDigest();

    // Assert
    assertThat(hasDigest).isEqualTo(pinned);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Busybox                  | the repository name must be lowercase
      ghcr.io/Acme/tool        | the repository name must be lowercase
      -busybox                 | repository "library/-busybox" is not a '/'-separated path of lowercase letters, digits and separators
      busy box                 | repository "library/busy box" is not a '/'-separated path of lowercase letters, digits and separators
      ghcr.io//tool            | repository "/tool" is not a '/'-separated path of lowercase letters, digits and separators
      ghcr.io/acme/tool/       | repository "acme/tool/" is not a '/'-separated path of lowercase letters, digits and separators
      my_registry:5000/tool    | registry "my_registry:5000" is not a host name with an optional port
      -ghcr.io/tool            | registry "-ghcr.io" is not a host name with an optional port
      busybox:                 | tag "" is not up to 128 letters, digits, '_', '.' and '-'
      busybox:.hidden          | tag ".hidden" is not up to 128 letters, digits, '_', '.' and '-'
      busybox@sha256:abc       | digest "sha256:abc" is not sha256, sha384 or sha512 with its lowercase hex value
      busybox@md5:0123456789abcdef0123456789abcdef | digest "md5:0123456789abcdef0123456789abcdef" is not sha256, sha384 or sha512 with its lowercase hex value
      37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f | 64 hexadecimal digits are an image ID, not a name
      """)
  void reportsWhatTheRuntimeWouldRefuse(String reference, String why) {
    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image \"" + reference + "\" is not a valid image reference (" + why + ")");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  void reportsAnEmptyReference(String reference) {
    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image \"\" is not a valid image reference (it is empty)");
  }

  @Test
  void acceptsATagOf128Characters() {
    // Act
    ImageReference image = ImageReference.parse("busybox:" + "a".repeat(128));

    // Assert
    assertThat(image.tag()).hasSize(128);
  }

  @Test
  void rejectsATagOf129Characters() {
    // Arrange
    String tag = "a".repeat(129);

    // Act, Assert
    assertThatThrownBy(() -> ImageReference.parse("busybox:" + tag))
        .hasMessage("image \"busybox:" + tag + "\" is not a valid image reference (tag \"" + tag
            + "\" is not up to 128 letters, digits, '_', '.' and '-')");
  }

  @Test
  void acceptsANameOf255Characters() {
    // Arrange: ghcr.io/ is 8 characters
    String repository = "a".repeat(255 - 8);

    // Act
    ImageReference image = ImageReference.parse("ghcr.io/" + repository + ":1");

    // Assert
    assertThat(image.name()).hasSize(255);
  }

  @Test
  void rejectsANameOf256Characters() {
    // Arrange
    String reference = "ghcr.io/" + "a".repeat(256 - 8) + ":1";

    // Act, Assert
    assertThatThrownBy(() -> ImageReference.parse(reference))
        .hasMessage("image \"" + reference + "\" is not a valid image reference (the name is longer than 255 "
            + "characters)");
  }
}
