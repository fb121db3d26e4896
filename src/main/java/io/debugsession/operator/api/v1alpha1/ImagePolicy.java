package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Which images a debug container may run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePolicy {

  @Size(min = 1, max = 64)
  @ValidationRule(
      value = "self.all(p, p.matches('^[a-zA-Z0-9*._:/-]+$') && !p.matches(':[^/]*$'))",
      message = "images.allowed entries are registry/repository patterns without tag or digest, e.g. "
          + "docker.io/library/busybox, registry.example.com/debug/* or ghcr.io/acme/**")
  @JsonPropertyDescription(
      "Patterns of the images a session may use, matched against the image's registry/repository after the "
          + "container runtime's normalisation (busybox is docker.io/library/busybox; tag and digest are ignored). "
          + "Patterns are normalised the same way, except that docker.io/** is all of Docker Hub. * matches within "
          + "one path segment, ** matches across segments: registry.example.com/debug/* or ghcr.io/acme/**. "
          + "Where several policies list images, each must allow the image. Omitted: any image.")
  private List<@Size(max = 255) String> allowed;

  @JsonPropertyDescription("Whether the image must be pinned by digest (image@sha256:...). Omitted: false.")
  private Boolean requireDigest;

  public List<String> getAllowed() {
    return allowed;
  }

  public void setAllowed(List<String> allowed) {
    this.allowed = allowed;
  }

  public Boolean getRequireDigest() {
    return requireDigest;
  }

  public void setRequireDigest(Boolean requireDigest) {
    this.requireDigest = requireDigest;
  }
}
