package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;

import java.util.List;
import java.util.Optional;

/**
 * The checks kube-apiserver makes on an Eviction body before and around the delete, in the order it makes
 * them, with its messages (the create handler, then pkg/registry/core/pod/storage/eviction.go).
 */
final class EvictionRequests {

  private EvictionRequests() {
  }

  /** 400 for a body that is not an Eviction for this pod; empty when it is one. */
  static Optional<Status> invalid(ObjectNode eviction, PodPath path) {
    String apiVersion = eviction.path("apiVersion").asText();
    String kind = eviction.path("kind").asText();
    if (!EvictionEmulation.acceptedVersion(apiVersion) || !(kind.isEmpty() || "Eviction".equals(kind))) {
      // A real server fails to decode such a body; its wording depends on the kind sent. Ours is our own.
      return Optional.of(ApiStatus.badRequest("eviction emulation: expected a policy/v1 or policy/v1beta1"
          + " Eviction, got apiVersion " + ApiStatus.quote(apiVersion) + " kind " + ApiStatus.quote(kind)));
    }
    JsonNode metadata = eviction.path("metadata");
    String namespace = metadata.path("namespace").asText();
    if (!namespace.isEmpty() && !namespace.equals(path.namespace())) {
      return Optional.of(ApiStatus.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request"));
    }
    if (!path.name().equals(metadata.path("name").asText())) {
      return Optional.of(ApiStatus.badRequest("name in URL does not match name in Eviction object"));
    }
    return Optional.empty();
  }

  /** 409 when {@code deleteOptions.preconditions} names another uid or resourceVersion than the pod's. */
  static Optional<Status> failedPrecondition(ObjectNode eviction, JsonNode pod, String podName) {
    JsonNode preconditions = eviction.path("deleteOptions").path("preconditions");
    JsonNode metadata = pod.path("metadata");
    String uid = preconditions.path("uid").asText();
    if (!uid.isEmpty() && !uid.equals(metadata.path("uid").asText())) {
      return Optional.of(ApiStatus.preconditionConflict(podName, "the UID in the precondition (" + uid
          + ") does not match the UID in record (" + metadata.path("uid").asText()
          + "). The object might have been deleted and then recreated"));
    }
    String version = preconditions.path("resourceVersion").asText();
    if (!version.isEmpty() && !version.equals(metadata.path("resourceVersion").asText())) {
      return Optional.of(ApiStatus.preconditionConflict(podName, "the ResourceVersion in the precondition ("
          + version + ") does not match the ResourceVersion in record (" + metadata.path("resourceVersion").asText()
          + "). The object might have been modified"));
    }
    return Optional.empty();
  }

  /** {@code ?dryRun=All} on the request or {@code deleteOptions.dryRun} in the body. */
  static boolean dryRun(ObjectNode eviction, PodPath path) {
    List<String> query = path.queryParameters().getOrDefault("dryRun", List.of());
    return !query.isEmpty() || !eviction.path("deleteOptions").path("dryRun").isEmpty();
  }
}
