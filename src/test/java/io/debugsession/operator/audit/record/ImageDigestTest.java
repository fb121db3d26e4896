package io.debugsession.operator.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDigestTest {

  private static final String SHA = "sha256:4b0e6a2f9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "docker.io/library/busybox@" + SHA + ", " + SHA,
      "docker-pullable://busybox@" + SHA + ", " + SHA,
      "registry.example.com:5000/tools/netshoot@" + SHA + ", " + SHA,
      SHA + ", " + SHA,
      "docker://" + SHA + ", " + SHA,
  })
  void takesTheDigestOutOfAnImageId(String imageID, String digest) {
    assertThat(ImageDigest.of(imageID)).isEqualTo(digest);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "busybox:1.37", "busybox:latest", "docker.io/library/busybox@"})
  void hasNoneWhenTheImageIdHoldsNone(String imageID) {
    assertThat(ImageDigest.of(imageID)).isNull();
  }
}
