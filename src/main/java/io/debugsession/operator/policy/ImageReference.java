package io.debugsession.operator.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference normalised as the container runtime does it (containerd and CRI-O follow Docker's reference
 * rules): {@code busybox:1.37} is registry docker.io, repository library/busybox, tag 1.37. The first path component
 * names a registry only when it contains '.' or ':', is {@code localhost}, or has an uppercase letter; otherwise the
 * registry is docker.io, where a one-component repository lives under library/. index.docker.io is docker.io.
 *
 * @param tag null when the reference names none (the runtime then pulls latest, unless a digest is given)
 * @param digest null when the reference is not pinned, e.g. {@code sha256:<64 hex digits>}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  static final String DEFAULT_REGISTRY = "docker.io";
  private static final String LEGACY_DEFAULT_REGISTRY = "index.docker.io";
  private static final String OFFICIAL_REPOSITORY_PREFIX = "library/";
  private static final int NAME_MAX_LENGTH = 255;

  private static final String HOST_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY = Pattern.compile(
      "(?:" + HOST_COMPONENT + "(?:\\." + HOST_COMPONENT + ")*|\\[[a-fA-F0-9:]+])(?::[0-9]+)?");
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

  /** Parses {@code reference}; throws IllegalArgumentException saying why the runtime would refuse it. */
  public static ImageReference parse(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw invalid(reference, "it is empty");
    }
    if (IMAGE_ID.matcher(reference).matches()) {
      throw invalid(reference, "64 hexadecimal digits are an image ID, not a name");
    }
    int at = reference.indexOf('@');
    String digest = at < 0 ? null : reference.substring(at + 1);
    RegistrySplit split = splitRegistry(at < 0 ? reference : reference.substring(0, at), true);
    int colon = split.remainder().lastIndexOf(':');
    String repository = colon < 0 ? split.remainder() : split.remainder().substring(0, colon);
    String tag = colon < 0 ? null : split.remainder().substring(colon + 1);
    if (!REGISTRY.matcher(split.registry()).matches()) {
      throw invalid(reference, "registry \"" + split.registry() + "\" is not a host name with an optional port");
    }
    if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
      throw invalid(reference, "the repository name must be lowercase");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw invalid(reference, "repository \"" + repository + "\" is not a '/'-separated path of lowercase letters, "
          + "digits and separators");
    }
    if (split.registry().length() + 1 + repository.length() > NAME_MAX_LENGTH) {
      throw invalid(reference, "the name is longer than " + NAME_MAX_LENGTH + " characters");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw invalid(reference, "tag \"" + tag + "\" is not up to 128 letters, digits, '_', '.' and '-'");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      throw invalid(reference,
          "digest \"" + digest + "\" is not sha256, sha384 or sha512 with its lowercase hex value");
    }
    return new ImageReference(split.registry(), repository, tag, digest);
  }

  /** Registry and repository, what policies match: docker.io/library/busybox. */
  public String name() {
    return registry + "/" + repository;
  }

  public boolean hasDigest() {
    return digest != null;
  }

  /** The fully qualified reference: docker.io/library/busybox:1.37. */
  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /**
   * A name (tag and digest included or not) split into its registry and the rest, as Docker's splitDockerDomain;
   * {@code officialPrefix} says whether a one-component repository on docker.io goes under library/.
   */
  record RegistrySplit(String registry, String remainder) {}

  static RegistrySplit splitRegistry(String name, boolean officialPrefix) {
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    boolean namesRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.equals(first.toLowerCase(Locale.ROOT)));
    String registry = namesRegistry ? first : DEFAULT_REGISTRY;
    String remainder = namesRegistry ? name.substring(slash + 1) : name;
    if (registry.equals(LEGACY_DEFAULT_REGISTRY)) {
      registry = DEFAULT_REGISTRY;
    }
    if (officialPrefix && registry.equals(DEFAULT_REGISTRY) && !remainder.contains("/")) {
      remainder = OFFICIAL_REPOSITORY_PREFIX + remainder;
    }
    return new RegistrySplit(registry, remainder);
  }

  private static IllegalArgumentException invalid(String reference, String why) {
    return new IllegalArgumentException(
        "image \"" + (reference == null ? "" : reference) + "\" is not a valid image reference (" + why + ")");
  }
}
