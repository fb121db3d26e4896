package io.debugsession.operator.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One entry of a DebugPolicy's images.allowed: a registry/repository pattern normalised as image references are
 * ({@code busybox} means docker.io/library/busybox, but {@code docker.io/**} all of Docker Hub), in which {@code *}
 * matches within one path segment (never '/') and {@code **} matches anything, '/' included. Tags and digests have
 * no place in it.
 */
public final class ImagePattern {

  private static final Pattern REGISTRY = Pattern.compile("[a-zA-Z0-9*.-]+(?::[0-9*]+)?|\\[[a-fA-F0-9:]+](?::[0-9]+)?");
  private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9*._-]+(?:/[a-z0-9*._-]+)*");

  private final String normalised;
  private final Pattern glob;

  private ImagePattern(String normalised) {
    this.normalised = normalised;
    this.glob = toRegex(normalised);
  }

  /** Parses {@code pattern}; throws IllegalArgumentException saying what is wrong with it. */
  public static ImagePattern parse(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      throw invalid(pattern, "it is empty");
    }
    if (pattern.contains("@")) {
      throw invalid(pattern, "it names a digest; patterns match registry/repository only");
    }
    // docker.io/** is all of Docker Hub: ** may span several path segments, so it never goes under library/.
    ImageReference.RegistrySplit split = ImageReference.splitRegistry(pattern, !pattern.contains("**"));
    if (split.remainder().contains(":")) {
      throw invalid(pattern, "it names a tag; patterns match registry/repository only");
    }
    if (!REGISTRY.matcher(split.registry()).matches()) {
      throw invalid(pattern, "registry \"" + split.registry() + "\" is not a host name with an optional port");
    }
    if (!split.remainder().equals(split.remainder().toLowerCase(Locale.ROOT))) {
      throw invalid(pattern, "the repository must be lowercase");
    }
    if (!REPOSITORY.matcher(split.remainder()).matches()) {
      throw invalid(pattern, "repository \"" + split.remainder() + "\" is not a '/'-separated path of lowercase "
          + "letters, digits, '.', '_', '-' and '*'");
    }
    return new ImagePattern(split.registry() + "/" + split.remainder());
  }

  public boolean matches(ImageReference image) {
    return glob.matcher(image.name()).matches();
  }

  /** The normalised pattern, as denials quote it: docker.io/library/busybox, registry.example.com/debug/*. */
  @Override
  public String toString() {
    return normalised;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImagePattern other && normalised.equals(other.normalised);
  }

  @Override
  public int hashCode() {
    return normalised.hashCode();
  }

  private static Pattern toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static IllegalArgumentException invalid(String pattern, String why) {
    return new IllegalArgumentException(
        "\"" + (pattern == null ? "" : pattern) + "\" is not an image pattern (" + why + ")");
  }
}
