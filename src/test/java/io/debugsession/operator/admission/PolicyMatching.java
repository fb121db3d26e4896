package io.debugsession.operator.admission;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Which requests a policy's matchConstraints select, and which params a binding's paramRef selects, by the API
 * server's rules. Only what these policies use is supported; anything else (namespace and object selectors,
 * excludeResourceRules, matchExpressions, a binding's matchResources) fails loudly rather than matching wrongly.
 */
final class PolicyMatching {

  private PolicyMatching() {}

  /**
   * Whether one of the resourceRules names the request's group, version, operation and resource. A rule's resource
   * "pods" is the resource alone, "pods/ephemeralcontainers" that subresource, "*" any resource without subresource,
   * "pods/*" the resource and all its subresources. Versions are compared as sent (matchPolicy Equivalent converts
   * other versions first; there is only one version here).
   */
  static boolean matches(JsonNode matchConstraints, AdmissionRequest request) {
    for (String unsupported : List.of("excludeResourceRules", "namespaceSelector", "objectSelector")) {
      JsonNode value = matchConstraints.path(unsupported);
      if (!value.isMissingNode() && !value.isEmpty()) {
        throw new UnsupportedOperationException("matchConstraints." + unsupported + " is not modelled");
      }
    }
    return stream(matchConstraints.path("resourceRules")).anyMatch(rule ->
        listed(rule.path("apiGroups"), request.group())
            && listed(rule.path("apiVersions"), request.version())
            && listed(rule.path("operations"), request.operation())
            && stream(rule.path("resources")).map(JsonNode::asString).anyMatch(r -> resourceMatches(r, request)));
  }

  /**
   * The params a binding's paramRef selects among {@code cluster}: by name (in the paramRef's namespace, or the
   * request's for a namespaced kind), or by label selector (empty: all) in that namespace scope.
   */
  static List<JsonNode> params(JsonNode paramKind, JsonNode paramRef, AdmissionRequest request,
      List<JsonNode> cluster) {
    Optional<String> namespace = paramRef.optional("namespace").map(JsonNode::asString);
    return cluster.stream()
        .filter(p -> p.path("apiVersion").asString("").equals(paramKind.path("apiVersion").asString()))
        .filter(p -> p.path("kind").asString("").equals(paramKind.path("kind").asString()))
        .filter(p -> inScope(p, namespace, request))
        .filter(p -> paramRef.has("name")
            ? p.path("metadata").path("name").asString("").equals(paramRef.path("name").asString())
            : selected(paramRef.path("selector"), p.path("metadata").path("labels")))
        .toList();
  }

  private static boolean inScope(JsonNode param, Optional<String> namespace, AdmissionRequest request) {
    Optional<String> own = param.path("metadata").optional("namespace").map(JsonNode::asString);
    if (own.isEmpty()) {
      return namespace.isEmpty(); // a cluster-scoped param; a paramRef with a namespace looks for a namespaced one
    }
    return own.get().equals(namespace.orElse(request.namespace()));
  }

  private static boolean selected(JsonNode selector, JsonNode labels) {
    if (selector.has("matchExpressions")) {
      throw new UnsupportedOperationException("paramRef.selector.matchExpressions is not modelled");
    }
    return selector.path("matchLabels").properties().stream()
        .allMatch(e -> labels.path(e.getKey()).asString("\0").equals(e.getValue().asString()));
  }

  private static boolean resourceMatches(String rule, AdmissionRequest request) {
    String[] parts = rule.split("/", 2);
    String resource = parts[0];
    String subResource = parts.length == 2 ? parts[1] : "";
    return (resource.equals("*") || resource.equals(request.resource()))
        && (subResource.equals("*") || subResource.equals(request.subResource()));
  }

  private static boolean listed(JsonNode values, String value) {
    return stream(values).map(JsonNode::asString).anyMatch(v -> v.equals("*") || v.equals(value));
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    return array.valueStream();
  }
}
