package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code POST pods/{name}/eviction} as kube-apiserver v1.32 answers it (the fabric8 mock has no eviction):
 *
 * <ul>
 * <li>The body is a policy/v1 or policy/v1beta1 Eviction (the server accepts both; without apiVersion/kind it
 * is taken as policy/v1). Its name must be the pod's ({@code name in URL does not match name in Eviction
 * object}) and its namespace, if set, the URL's: else 400. Methods other than POST: 405.</li>
 * <li>Missing pod: 404 {@code pods "x" not found}.</li>
 * <li>A pod a PodDisruptionBudget guards: 429 queued with {@link #blockNext}. The real server skips the
 * budget for pods that are Pending, Succeeded, Failed or already being deleted; so does this emulation, and a
 * pod without {@code status.phase} counts as Pending (the phase a real server gives every new pod) - use
 * {@link PodStatusWriter#podRunning} first for a pod the budget protects.</li>
 * <li>{@code deleteOptions.preconditions} (uid, resourceVersion) that do not hold: 409.</li>
 * <li>Otherwise the pod gets the condition {@code DisruptionTarget=True} (reason {@code EvictionByEvictionAPI})
 * through {@code /status}, then is deleted, both through the CRUD dispatcher so watches see MODIFIED and
 * DELETED; the answer is 201 with {@code Status{status: Success}}. A dry run ({@code ?dryRun=All} or
 * {@code deleteOptions.dryRun}) answers the same and changes nothing.</li>
 * </ul>
 *
 * <p>Where this differs from a real server: no PodDisruptionBudget is read or decremented (there is no
 * disruption controller; the budget's verdict is whatever {@link #blockNext} queued), no RBAC or admission (use
 * {@link #failNext}). The pod is removed at once: on a real cluster a scheduled, running pod first stays
 * Terminating with a deletionTimestamp for its grace period until the kubelet confirms; here only finalizers keep
 * it. {@code gracePeriodSeconds} and {@code propagationPolicy} are ignored. A body in another group/version gets a
 * 400 with this emulation's own wording.
 */
public final class EvictionEmulation {

  private static final Set<String> ACCEPTED_VERSIONS = Set.of("policy/v1", "policy/v1beta1");
  private static final Set<String> BUDGET_IGNORED_PHASES = Set.of("Pending", "Succeeded", "Failed");

  private final CrudPodStore store;
  private final ForcedResponses forced = new ForcedResponses();
  private final ForcedResponses budget = new ForcedResponses();
  private final List<EvictionCall> calls = new CopyOnWriteArrayList<>();

  EvictionEmulation(CrudPodStore store) {
    this.store = store;
  }

  /**
   * The next {@code times} evictions of a pod a budget guards are refused like a PodDisruptionBudget with no
   * disruption allowed: 429, {@code Cannot evict pod as it would violate the pod's disruption budget.}, cause
   * {@code DisruptionBudget}: {@code The disruption budget <pdb> needs <desired> healthy pods and has <current>
   * currently}. Note that fabric8 retries a 429 by itself (see EvictionEmulationTest).
   */
  public void blockNext(int times, String pdbName, int desiredHealthy, int currentHealthy) {
    blockNext(times, ApiStatus.disruptionBudgetViolated(pdbName, desiredHealthy, currentHealthy));
  }

  /** Like {@link #blockNext(int, String, int, int)} with any budget answer, e.g. {@link ApiStatus#disruptionBudgetBeingProcessed}. */
  public void blockNext(int times, Status status) {
    budget.add(times, status);
  }

  /** The next {@code times} evictions are answered with {@code status} before any check (RBAC, a webhook, a 500). */
  public void failNext(int times, Status status) {
    forced.add(times, status);
  }

  /** Every eviction request received, refused ones included, in arrival order. */
  public List<EvictionCall> calls() {
    return List.copyOf(calls);
  }

  public long succeeded() {
    return calls.stream().filter(EvictionCall::succeeded).count();
  }

  public void reset() {
    forced.clear();
    budget.clear();
    calls.clear();
  }

  MockResponse handle(RecordedRequest request, PodPath path) {
    if (!"POST".equals(request.getMethod())) {
      return ApiStatus.response(ApiStatus.failure(405, "MethodNotAllowed",
          "the server does not allow this method on the requested resource", null));
    }
    String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    Optional<ObjectNode> eviction = parse(body);
    MockResponse response = forced.poll().map(ApiStatus::response)
        .orElseGet(() -> eviction.map(e -> evict(e, path))
            .orElseGet(() -> ApiStatus.response(ApiStatus.badRequest("the body is not an Eviction object"))));
    calls.add(new EvictionCall(path.namespace(), path.name(),
        eviction.map(e -> e.path("apiVersion").asText()).orElse(""), body, response.code()));
    return response;
  }

  private synchronized MockResponse evict(ObjectNode eviction, PodPath path) {
    Optional<Status> invalid = EvictionRequests.invalid(eviction, path);
    if (invalid.isPresent()) {
      return ApiStatus.response(invalid.get());
    }
    Optional<ObjectNode> pod = store.get(path);
    if (pod.isEmpty()) {
      return ApiStatus.response(ApiStatus.notFound(path.name()));
    }
    if (!budgetIgnored(pod.get())) {
      Optional<Status> refused = budget.poll();
      if (refused.isPresent()) {
        return ApiStatus.response(refused.get());
      }
    }
    Optional<Status> conflict = EvictionRequests.failedPrecondition(eviction, pod.get(), path.name());
    if (conflict.isPresent()) {
      return ApiStatus.response(conflict.get());
    }
    if (EvictionRequests.dryRun(eviction, path)) {
      return ApiStatus.response(201, ApiStatus.success());
    }
    store.putStatus(path, withDisruptionTarget(pod.get()));
    MockResponse deleted = store.delete(path);
    if (deleted.code() == 404) {
      return ApiStatus.response(ApiStatus.notFound(path.name()));
    }
    return ApiStatus.response(201, ApiStatus.success());
  }

  static boolean budgetIgnored(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText();
    return phase.isEmpty() || BUDGET_IGNORED_PHASES.contains(phase)
        || !pod.path("metadata").path("deletionTimestamp").asText().isEmpty();
  }

  /** The condition a real server writes before it deletes an evicted pod (PodDisruptionConditions, GA in 1.31). */
  private static ObjectNode withDisruptionTarget(ObjectNode pod) {
    ObjectNode updated = pod.deepCopy();
    JsonNode status = updated.path("status");
    ObjectNode statusNode = status.isObject() ? (ObjectNode) status : updated.putObject("status");
    JsonNode existing = statusNode.path("conditions");
    ArrayNode conditions = statusNode.putArray("conditions");
    for (JsonNode c : existing) {
      if (!"DisruptionTarget".equals(c.path("type").asText())) {
        conditions.add(c);
      }
    }
    conditions.addObject().put("type", "DisruptionTarget").put("status", "True")
        .put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .put("reason", "EvictionByEvictionAPI").put("message", "Eviction API: evicting");
    return updated;
  }

  private static Optional<ObjectNode> parse(String body) {
    try {
      return Optional.of(CrudPodStore.parse(body));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean acceptedVersion(String apiVersion) {
    return apiVersion.isEmpty() || ACCEPTED_VERSIONS.contains(apiVersion);
  }
}
