package io.debugsession.operator.admission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One request as admission sees it: the operation on a resource (and subresource), who sends it, the object before
 * and after, and the namespace it is in. {@link #toCel()} gives the {@code request} variable the way the API server
 * builds it, an AdmissionRequest turned into JSON: fields that are empty are left out ({@code subResource} of a
 * request on the resource itself, {@code groups} of a user without groups).
 *
 * @param object the object after the change; null for DELETE
 * @param oldObject the object before the change; null for CREATE
 * @param namespaceObject the Namespace the object is in, as the API server shows it; null for a cluster-scoped object
 */
record AdmissionRequest(String operation, String group, String version, String resource, String subResource,
    String name, String namespace, String username, List<String> groups, JsonNode object, JsonNode oldObject,
    JsonNode namespaceObject) {

  /** The same request, sent by {@code user} who is in {@code userGroups}. */
  AdmissionRequest by(String user, String... userGroups) {
    return new AdmissionRequest(operation, group, version, resource, subResource, name, namespace, user,
        List.of(userGroups), object, oldObject, namespaceObject);
  }

  /** The request variable of the CEL environment. */
  Map<String, Object> toCel() {
    Map<String, Object> gvk = Map.of("group", group, "version", version, "kind", kind());
    Map<String, Object> gvr = Map.of("group", group, "version", version, "resource", resource);
    Map<String, Object> userInfo = new LinkedHashMap<>();
    userInfo.put("username", username);
    if (!groups.isEmpty()) {
      userInfo.put("groups", groups);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("kind", gvk);
    request.put("resource", gvr);
    request.put("requestKind", gvk);
    request.put("requestResource", gvr);
    if (!subResource.isEmpty()) {
      request.put("subResource", subResource);
      request.put("requestSubResource", subResource);
    }
    request.put("name", name);
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    request.put("operation", operation);
    request.put("userInfo", userInfo);
    request.put("dryRun", false);
    request.put("options", Map.of());
    return request;
  }

  private String kind() {
    JsonNode source = object != null ? object : oldObject;
    return source == null ? "" : source.path("kind").asString("");
  }
}
