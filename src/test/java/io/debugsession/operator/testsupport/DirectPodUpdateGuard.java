package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.testsupport.ApiStatus.FieldError;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a PUT/PATCH of the pod itself that changes {@code spec.ephemeralContainers}, as a real server
 * does ({@code spec: Forbidden: pod updates may not change fields other than ...}); the fabric8 mock
 * accepts it, which would let code that bypasses the subresource pass its tests.
 *
 * <p>Only that one field is guarded: other spec changes a real server also refuses still pass. Strategic
 * merge and apply patches are left to the CRUD dispatcher (which answers 415). The real message goes on
 * with a diff of the spec; it is left out here.
 */
public final class DirectPodUpdateGuard {

  static final String FORBIDDEN_SPEC_UPDATE = "pod updates may not change fields other than `spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing"
      + " tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  private final CrudPodStore store;

  DirectPodUpdateGuard(CrudPodStore store) {
    this.store = store;
  }

  /** The refusal, or empty to let the request through untouched (its body is read without consuming it). */
  Optional<MockResponse> check(RecordedRequest request, PodPath path) {
    if (request.getBody() == null) {
      return Optional.empty();
    }
    Optional<ObjectNode> current = store.get(path);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    byte[] body = request.getBody().getBytes();
    ObjectNode updated;
    try {
      if ("PUT".equals(request.getMethod())) {
        updated = CrudPodStore.parse(new String(body, StandardCharsets.UTF_8));
      } else {
        PodPatches.Outcome outcome = PodPatches.apply(current.get(), request.getHeader("Content-Type"), body);
        if (outcome.error() != null || isStrategicOrApply(request)) {
          return Optional.empty();
        }
        updated = outcome.pod();
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (EphemeralContainerRules.list(updated).equals(EphemeralContainerRules.list(current.get()))) {
      return Optional.empty();
    }
    return Optional.of(ApiStatus.response(ApiStatus.podInvalid(path.name(),
        List.of(FieldError.forbidden("spec", FORBIDDEN_SPEC_UPDATE)))));
  }

  private static boolean isStrategicOrApply(RecordedRequest request) {
    String type = String.valueOf(request.getHeader("Content-Type"));
    return type.contains("strategic-merge-patch") || type.contains("apply-patch");
  }
}
