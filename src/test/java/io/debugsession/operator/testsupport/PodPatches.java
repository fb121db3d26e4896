package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.zjsonpatch.JsonPatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies a PATCH body to a pod the way kube-apiserver does for the content types the emulations accept.
 *
 * <ul>
 * <li>{@code application/json-patch+json} (RFC 6902) strictly: an op whose parent path does not exist, or a
 * failed {@code test}, is a 422 "the server rejected our request..." (kubectl: "The request is invalid"),
 * unlike the fabric8 mock, which creates missing parents.</li>
 * <li>{@code application/merge-patch+json} (RFC 7386): lists are replaced, {@code null} deletes, unlike the
 * fabric8 mock, which appends to lists.</li>
 * <li>{@code application/strategic-merge-patch+json}: only as far as {@code spec.ephemeralContainers} is
 * concerned (merge by {@code name}, {@code $patch: delete}, {@code $patch: replace}); everything else is an
 * RFC 7386 merge. {@code $setElementOrder} is ignored, so new containers are appended where a real server
 * may order them differently.</li>
 * <li>anything else (server-side apply included): 415.</li>
 * </ul>
 */
final class PodPatches {

  /** The patched pod, or the Status a real server would answer instead. */
  record Outcome(ObjectNode pod, Status error) {
    static Outcome ok(ObjectNode pod) {
      return new Outcome(pod, null);
    }

    static Outcome failed(Status error) {
      return new Outcome(null, error);
    }
  }

  private PodPatches() {
  }

  static Outcome apply(ObjectNode current, String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    JsonNode patch;
    try {
      patch = CrudPodStore.JSON.readTree(body);
    } catch (java.io.IOException e) {
      return Outcome.failed(ApiStatus.badRequest("error decoding patch: " + e.getMessage()));
    }
    switch (type) {
      case "application/json-patch+json":
        return jsonPatch(current, patch);
      case "application/merge-patch+json":
        return patch.isObject() ? Outcome.ok((ObjectNode) mergePatch(current.deepCopy(), patch))
            : Outcome.failed(ApiStatus.badRequest("merge patch must be a JSON object"));
      case "application/strategic-merge-patch+json":
        return patch.isObject() ? Outcome.ok(strategicMerge(current, (ObjectNode) patch))
            : Outcome.failed(ApiStatus.badRequest("strategic merge patch must be a JSON object"));
      default:
        return Outcome.failed(ApiStatus.unsupportedMediaType(contentType));
    }
  }

  private static Outcome jsonPatch(ObjectNode current, JsonNode patch) {
    if (!patch.isArray()) {
      return Outcome.failed(ApiStatus.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch"));
    }
    try {
      JsonNode result = JsonPatch.apply(patch, current.deepCopy());
      return result.isObject() ? Outcome.ok((ObjectNode) result) : Outcome.failed(ApiStatus.requestInvalid());
    } catch (RuntimeException e) {
      // zjsonpatch throws JsonPatchException / JsonPointerEvaluationException for a missing parent
      // (e.g. add /spec/ephemeralContainers/- before the array exists) and for a failed test op.
      return Outcome.failed(ApiStatus.requestInvalid());
    }
  }

  /** RFC 7386, in place on {@code target}; returns the merged node. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : CrudPodStore.JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        result.remove(e.getKey());
      } else {
        result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
      }
    }
    return result;
  }

  private static ObjectNode strategicMerge(ObjectNode current, ObjectNode patch) {
    ObjectNode plain = withoutDirectives(patch);
    JsonNode listPatch = patch.path("spec").get("ephemeralContainers");
    if (plain.path("spec").isObject()) {
      ((ObjectNode) plain.get("spec")).remove("ephemeralContainers");
    }
    ObjectNode result = (ObjectNode) mergePatch(current.deepCopy(), plain);
    if (listPatch != null) {
      ObjectNode spec = result.path("spec").isObject() ? (ObjectNode) result.get("spec") : result.putObject("spec");
      if (listPatch.isNull()) {
        spec.remove("ephemeralContainers");
      } else {
        spec.set("ephemeralContainers", mergeByName(EphemeralContainerRules.list(current), listPatch));
      }
    }
    return result;
  }

  private static ArrayNode mergeByName(ArrayNode existing, JsonNode patchList) {
    List<JsonNode> elements = new ArrayList<>();
    patchList.forEach(elements::add);
    boolean replace = elements.removeIf(e -> "replace".equals(e.path("$patch").asText()) && e.size() == 1);
    ArrayNode result = replace ? CrudPodStore.JSON.createArrayNode() : existing.deepCopy();
    for (JsonNode element : elements) {
      String name = element.path("name").asText();
      int index = indexOf(result, name);
      if ("delete".equals(element.path("$patch").asText())) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, mergePatch(result.get(index), withoutDirectives(element)));
      } else {
        result.add(withoutDirectives(element));
      }
    }
    return result;
  }

  private static int indexOf(ArrayNode list, String name) {
    for (int i = 0; i < list.size(); i++) {
      if (name.equals(list.get(i).path("name").asText())) {
        return i;
      }
    }
    return -1;
  }

  /** A copy without strategic-merge directives ($patch, $setElementOrder/..., $retainKeys, ...). */
  private static ObjectNode withoutDirectives(JsonNode node) {
    ObjectNode copy = (ObjectNode) node.deepCopy();
    List<String> directives = new ArrayList<>();
    copy.fieldNames().forEachRemaining(n -> {
      if (n.startsWith("$")) {
        directives.add(n);
      }
    });
    copy.remove(directives);
    for (Map.Entry<String, JsonNode> e : copy.properties()) {
      if (e.getValue().isObject()) {
        e.setValue(withoutDirectives(e.getValue()));
      }
    }
    return copy;
  }
}
