package io.debugsession.operator.audit.record;

import java.util.regex.Pattern;

/**
 * The digest in a container status' {@code imageID}, which runtimes write in several shapes:
 * {@code docker.io/library/busybox@sha256:…} (containerd, CRI-O), {@code docker-pullable://busybox@sha256:…}
 * (dockershim), or a bare {@code sha256:…} (the image's ID when the runtime knows no repository digest).
 */
public final class ImageDigest {

  /** The OCI image-spec digest grammar (algorithm ":" encoded), with the hex encoding every registered one uses. */
  private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,}");

  private ImageDigest() {}

  /** The digest part of {@code imageID}, or null when it has none (not reported yet, or an unknown shape). */
  public static String of(String imageID) {
    if (imageID == null || imageID.isBlank()) {
      return null;
    }
    String id = imageID.trim();
    int scheme = id.indexOf("://");
    if (scheme >= 0) {
      id = id.substring(scheme + 3);
    }
    int at = id.lastIndexOf('@');
    String digest = at < 0 ? id : id.substring(at + 1);
    return DIGEST.matcher(digest).matches() ? digest : null;
  }
}
