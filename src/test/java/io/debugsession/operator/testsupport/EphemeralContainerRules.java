package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.testsupport.ApiStatus.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What kube-apiserver does to {@code spec.ephemeralContainers} on an update through the subresource:
 * defaulting, then validation (append-only, unique names, target must exist).
 *
 * <p>Why defaulting: a real server stores {@code imagePullPolicy}, {@code terminationMessagePath} and
 * {@code terminationMessagePolicy} on every ephemeral container, so code that compares its desired
 * container with the stored one sees those extra fields on a cluster; the emulation must show them too.
 *
 * <p>Not emulated: the allow-list of fields an ephemeral container may carry (ports, probes, resources,
 * lifecycle are refused by a real server), name format checks, and the cmp.Diff text appended to
 * "may not be changed" (replaced by a short old/new listing; match on the prefix).
 */
final class EphemeralContainerRules {

  static final String FIELD = "spec.ephemeralContainers";

  private EphemeralContainerRules() {
  }

  /** A defaulted deep copy (SetDefaults_EphemeralContainerCommon). */
  static ArrayNode defaulted(ArrayNode containers) {
    ArrayNode copy = containers.deepCopy();
    for (JsonNode node : copy) {
      if (!node.isObject()) {
        continue;
      }
      ObjectNode c = (ObjectNode) node;
      if (c.path("imagePullPolicy").asText().isEmpty()) {
        c.put("imagePullPolicy", "latest".equals(tagOf(c.path("image").asText())) ? "Always" : "IfNotPresent");
      }
      if (c.path("terminationMessagePath").asText().isEmpty()) {
        c.put("terminationMessagePath", "/dev/termination-log");
      }
      if (c.path("terminationMessagePolicy").asText().isEmpty()) {
        c.put("terminationMessagePolicy", "File");
      }
    }
    return copy;
  }

  /** Errors in the order a real server reports them: per-container checks first, then append-only. */
  static List<FieldError> validate(ObjectNode currentPod, ArrayNode newContainers) {
    List<FieldError> errors = new ArrayList<>(validateContainers(currentPod, newContainers));
    errors.addAll(validateAppendOnly(defaulted(list(currentPod)), newContainers));
    return errors;
  }

  static ArrayNode list(ObjectNode pod) {
    JsonNode list = pod.path("spec").path("ephemeralContainers");
    return list.isArray() ? (ArrayNode) list : CrudPodStore.JSON.createArrayNode();
  }

  private static List<FieldError> validateContainers(ObjectNode pod, ArrayNode containers) {
    Set<String> regularNames = new HashSet<>();
    pod.path("spec").path("containers").forEach(c -> regularNames.add(c.path("name").asText()));
    pod.path("spec").path("initContainers").forEach(c -> regularNames.add(c.path("name").asText()));
    Set<String> seen = new HashSet<>();
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      String path = FIELD + "[" + i + "]";
      String name = c.path("name").asText();
      if (name.isEmpty()) {
        errors.add(FieldError.required(path + ".name"));
      } else if (regularNames.contains(name) || !seen.add(name)) {
        errors.add(FieldError.duplicate(path + ".name", name));
      }
      if (c.path("image").asText().isEmpty()) {
        errors.add(FieldError.required(path + ".image"));
      }
      String target = c.path("targetContainerName").asText();
      if (!target.isEmpty() && !regularNames.contains(target)) {
        errors.add(FieldError.notFound(path + ".targetContainerName", target));
      }
    }
    return errors;
  }

  private static List<FieldError> validateAppendOnly(ArrayNode oldContainers, ArrayNode newContainers) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    newContainers.forEach(c -> byName.putIfAbsent(c.path("name").asText(), c));
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode old : oldContainers) {
      String name = old.path("name").asText();
      JsonNode now = byName.get(name);
      if (now == null) {
        errors.add(FieldError.forbidden(FIELD,
            "existing ephemeral containers " + ApiStatus.quote(name) + " may not be removed"));
      } else if (!old.equals(now)) {
        errors.add(FieldError.forbidden(FIELD,
            "existing ephemeral containers " + ApiStatus.quote(name) + " may not be changed" + diff(old, now)));
      }
    }
    return errors;
  }

  private static String diff(JsonNode old, JsonNode now) {
    StringBuilder sb = new StringBuilder();
    Set<String> keys = new java.util.TreeSet<>();
    old.fieldNames().forEachRemaining(keys::add);
    now.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      JsonNode a = old.get(key);
      JsonNode b = now.get(key);
      if (a == null ? b != null : !a.equals(b)) {
        sb.append("\n  ").append(key).append(": ").append(a).append(" -> ").append(b);
      }
    }
    return sb.toString();
  }

  /** The tag as parsers.ParseImageName returns it: "latest" when neither tag nor digest is given. */
  static String tagOf(String image) {
    String withoutDigest = image;
    boolean digest = false;
    int at = image.indexOf('@');
    if (at >= 0) {
      withoutDigest = image.substring(0, at);
      digest = true;
    }
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    String tag = colon > slash ? withoutDigest.substring(colon + 1) : "";
    return tag.isEmpty() && !digest ? "latest" : tag;
  }
}
