package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.testsupport.ApiStatus.FieldError;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code pods/{name}/ephemeralcontainers} as kube-apiserver v1.32 serves it (the fabric8 mock returns a List
 * on GET, crashes on PUT / JSON patch / merge patch, and answers 415 to strategic merge).
 *
 * <ul>
 * <li>GET: the pod; 404 Status when missing.</li>
 * <li>PUT (whole pod) and PATCH (JSON, merge, strategic - see {@link PodPatches}): only
 * {@code spec.ephemeralContainers} of the result is kept. A {@code metadata.resourceVersion} in the body
 * (or produced by the patch) that is not the current one: 409 Conflict. Removing or changing an existing
 * ephemeral container, a duplicate name, a missing name/image, an unknown targetContainerName: 422 Invalid
 * with the real server's message. Containers are defaulted like a real server does.</li>
 * <li>The write is stored by a PUT of the modified pod through the CRUD dispatcher, so resourceVersion is
 * bumped and watches fire; the answer is 200 with the stored pod. A write that changes nothing is answered
 * with the current pod and does not bump resourceVersion (as a real server's no-op update).</li>
 * </ul>
 *
 * <p>Where this differs from a real server: there is no authentication, RBAC, or admission at all (no Pod
 * Security Admission, no ValidatingAdmissionPolicy, no webhooks) - use {@link #failNextWrites} to play
 * them; a forced answer pre-empts every other check, including 404. No field allow-list validation (ports,
 * probes, resources are accepted). No kubelet: nothing ever starts the container, so
 * {@code status.ephemeralContainerStatuses} stays as tests write it (see {@link PodStatusWriter}). Pod
 * {@code metadata.generation} is bumped by the CRUD dispatcher on every spec change. Concurrent writes
 * are serialized; a patch or an unconditional PUT that loses a race with another writer is retried, as the
 * server's GuaranteedUpdate does.
 */
public final class EphemeralContainersEmulation {

  private static final int MAX_ATTEMPTS = 5;

  private final CrudPodStore store;
  private final ForcedResponses forced = new ForcedResponses();
  private final List<SubresourceWrite> writes = new CopyOnWriteArrayList<>();
  private final AtomicInteger responsesToLose = new AtomicInteger();

  EphemeralContainersEmulation(CrudPodStore store) {
    this.store = store;
  }

  /** The next {@code times} PUT/PATCH on the subresource are answered with {@code status}, e.g. a PSA 403. */
  public void failNextWrites(int times, Status status) {
    forced.add(times, status);
  }

  /** Every PUT/PATCH received on the subresource, forced and refused ones included, in arrival order. */
  /**
   * The next {@code times} successful writes are stored but answered with a 504 Gateway Timeout, as when the
   * response is lost on the way back: the client cannot tell whether its container was added.
   */
  public void loseNextResponses(int times) {
    responsesToLose.set(times);
  }

  public List<SubresourceWrite> writes() {
    return List.copyOf(writes);
  }

  public int writesReceived() {
    return writes.size();
  }

  public long writesSucceeded() {
    return writes.stream().filter(SubresourceWrite::succeeded).count();
  }

  public void reset() {
    forced.clear();
    writes.clear();
  }

  MockResponse handle(RecordedRequest request, PodPath path) {
    switch (request.method()) {
      case GET:
        return store.get(path)
            .map(pod -> json(200, pod.toString()))
            .orElseGet(() -> ApiStatus.response(ApiStatus.notFound(path.name())));
      case PUT:
      case PATCH:
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        MockResponse response = write(request.getMethod(), request.getHeader("Content-Type"), body, path);
        if (response.code() == 200 && responsesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          response = ApiStatus.response(ApiStatus.failure(504, "Timeout",
              "the server was unable to return a response in the time allotted", null));
        }
        writes.add(new SubresourceWrite(path.namespace(), path.name(), request.getMethod(),
            request.getHeader("Content-Type"), new String(body, StandardCharsets.UTF_8), response.code()));
        return response;
      default:
        return ApiStatus.response(ApiStatus.failure(405, "MethodNotAllowed",
            "the server does not allow this method on the requested resource", null));
    }
  }

  private MockResponse write(String method, String contentType, byte[] body, PodPath path) {
    Optional<Status> forcedStatus = forced.poll();
    if (forcedStatus.isPresent()) {
      return ApiStatus.response(forcedStatus.get());
    }
    synchronized (this) {
      for (int attempt = 1;; attempt++) {
        Optional<ObjectNode> current = store.get(path);
        if (current.isEmpty()) {
          return ApiStatus.response(ApiStatus.notFound(path.name()));
        }
        PodPatches.Outcome outcome = "PUT".equals(method) ? fromPut(current.get(), body, path)
            : PodPatches.apply(current.get(), contentType, body);
        if (outcome.error() != null) {
          return ApiStatus.response(outcome.error());
        }
        String currentVersion = current.get().path("metadata").path("resourceVersion").asText();
        String precondition = precondition(method, outcome.pod(), currentVersion);
        if (!precondition.isEmpty() && !precondition.equals(currentVersion)) {
          return ApiStatus.response(ApiStatus.conflict(path.name()));
        }
        MockResponse stored = store(current.get(), outcome.pod(), path);
        if (stored.code() == 409 && precondition.isEmpty() && attempt < MAX_ATTEMPTS) {
          continue; // lost a race with a writer that bypasses this emulation: re-read and re-apply
        }
        return stored.code() == 409 ? ApiStatus.response(ApiStatus.conflict(path.name())) : stored;
      }
    }
  }

  /**
   * The resourceVersion the write is conditional on, or "" for an unconditional one. A PUT carries it in
   * its body. A patch is conditional only if it sets a resourceVersion other than the current one; one that
   * leaves it alone is re-applied to the latest pod, so an explicit stale value shows up on the retry.
   */
  private static String precondition(String method, ObjectNode requested, String currentVersion) {
    String requestedVersion = requested.path("metadata").path("resourceVersion").asText();
    if ("PUT".equals(method) || !requestedVersion.equals(currentVersion)) {
      return requestedVersion;
    }
    return "";
  }

  /** A PUT is a whole pod; name/namespace must match the URL like on any update. */
  private static PodPatches.Outcome fromPut(ObjectNode current, byte[] body, PodPath path) {
    ObjectNode sent;
    try {
      sent = CrudPodStore.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return PodPatches.Outcome.failed(ApiStatus.badRequest(e.getMessage()));
    }
    String name = sent.path("metadata").path("name").asText();
    if (!name.isEmpty() && !name.equals(path.name())) {
      return PodPatches.Outcome.failed(ApiStatus.badRequest("the name of the object (" + name
          + ") does not match the name on the URL (" + path.name() + ")"));
    }
    String namespace = sent.path("metadata").path("namespace").asText();
    if (!namespace.isEmpty() && !namespace.equals(path.namespace())) {
      return PodPatches.Outcome.failed(ApiStatus.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request"));
    }
    // Keep the body's resourceVersion (the precondition) and its ephemeral containers; nothing else counts.
    ObjectNode result = current.deepCopy();
    ((ObjectNode) result.get("metadata")).put("resourceVersion", sent.path("metadata").path("resourceVersion").asText());
    setList(result, EphemeralContainerRules.list(sent));
    return PodPatches.Outcome.ok(result);
  }

  private MockResponse store(ObjectNode current, ObjectNode requested, PodPath path) {
    ArrayNode wanted = EphemeralContainerRules.defaulted(EphemeralContainerRules.list(requested));
    List<FieldError> errors = EphemeralContainerRules.validate(current, wanted);
    if (!errors.isEmpty()) {
      return ApiStatus.response(ApiStatus.podInvalid(path.name(), errors));
    }
    if (wanted.equals(EphemeralContainerRules.list(current))) {
      return json(200, current.toString()); // no-op update: a real server does not write, so no new resourceVersion
    }
    ObjectNode updated = current.deepCopy();
    setList(updated, wanted);
    MockResponse response = store.put(path, updated);
    if (response.code() == 404) {
      return ApiStatus.response(ApiStatus.notFound(path.name()));
    }
    return response.code() == 200 ? json(200, CrudPodStore.body(response)) : response;
  }

  private static void setList(ObjectNode pod, ArrayNode containers) {
    JsonNode spec = pod.get("spec");
    ObjectNode specNode = spec != null && spec.isObject() ? (ObjectNode) spec : pod.putObject("spec");
    if (containers.isEmpty()) {
      specNode.remove("ephemeralContainers");
    } else {
      specNode.set("ephemeralContainers", containers);
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }
}
