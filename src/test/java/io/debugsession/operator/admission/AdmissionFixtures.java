package io.debugsession.operator.admission;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** DebugSessions, DebugPolicies, pods and namespaces as admission sees them, and requests that carry them. */
final class AdmissionFixtures {

  static final String NAMESPACE = "shop";
  static final String OPERATOR = "system:serviceaccount:debugsession-system:debugsession-operator";
  static final String AUTHENTICATED = "system:authenticated";

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private AdmissionFixtures() {}

  static JsonNode yaml(String text) {
    return YAML.readTree(text);
  }

  /** A DebugSession in {@link #NAMESPACE} that {@code requester} asks for; null: without spec.requester. */
  static ObjectNode session(String requester) {
    ObjectNode session = (ObjectNode) yaml("""
        apiVersion: debugsession.io/v1alpha1
        kind: DebugSession
        metadata:
          name: checkout-debug
          namespace: shop
        spec:
          target:
            pod: checkout-7d9f
            container: app
          image: busybox:1.37
          profile: general
          ttl: 15m
          reason: INC-4711 checkout pods leak memory
        """);
    if (requester != null) {
      ((ObjectNode) session.get("spec")).put("requester", requester);
    }
    return session;
  }

  /** {@code session} with spec.approval set: {@code decision} by {@code approver}, naming {@code groups}. */
  static ObjectNode withApproval(JsonNode session, String decision, String approver, String... groups) {
    ObjectNode copy = (ObjectNode) session.deepCopy();
    ObjectNode approval = ((ObjectNode) copy.get("spec")).putObject("approval");
    approval.put("decision", decision);
    approval.put("approver", approver);
    if (groups.length > 0) {
      List.of(groups).forEach(approval.putArray("groups")::add);
    }
    approval.put("reason", "looked at the incident");
    return copy;
  }

  /** A Namespace as namespaceObject shows it: with the name label every namespace has, and {@code labels}. */
  static JsonNode namespace(String name, Map<String, String> labels) {
    ObjectNode namespace = (ObjectNode) yaml("""
        metadata:
          name: %s
          labels:
            kubernetes.io/metadata.name: %s
        spec:
          finalizers: [kubernetes]
        status:
          phase: Active
        """.formatted(name, name));
    labels.forEach(((ObjectNode) namespace.get("metadata").get("labels"))::put);
    return namespace;
  }

  /** Creating {@code session} in {@link #NAMESPACE}; the sender is set with {@link AdmissionRequest#by}. */
  static AdmissionRequest create(JsonNode session) {
    return sessionRequest("CREATE", "", null, session, namespace(NAMESPACE, Map.of()));
  }

  /** Updating {@code old} to {@code updated} (a PATCH too) in {@link #NAMESPACE}. */
  static AdmissionRequest update(JsonNode old, JsonNode updated) {
    return update(old, updated, namespace(NAMESPACE, Map.of()));
  }

  /** Updating {@code old} to {@code updated} in the namespace {@code namespaceObject}. */
  static AdmissionRequest update(JsonNode old, JsonNode updated, JsonNode namespaceObject) {
    return sessionRequest("UPDATE", "", old, updated, namespaceObject);
  }

  /** Writing {@code updated} through debugsessions/status, as the operator does. */
  static AdmissionRequest updateStatus(JsonNode old, JsonNode updated) {
    return sessionRequest("UPDATE", "status", old, updated, namespace(NAMESPACE, Map.of()));
  }

  private static AdmissionRequest sessionRequest(String operation, String subResource, JsonNode old,
      JsonNode updated, JsonNode namespaceObject) {
    String namespace = namespaceObject.at("/metadata/name").asString();
    return new AdmissionRequest(operation, "debugsession.io", "v1alpha1", "debugsessions", subResource,
        updated.at("/metadata/name").asString(), namespace, "", List.of(), updated, old, namespaceObject);
  }

  /** A DebugPolicy named {@code name} with {@code spec} (YAML). */
  static JsonNode debugPolicy(String name, String spec) {
    ObjectNode policy = (ObjectNode) yaml("""
        apiVersion: debugsession.io/v1alpha1
        kind: DebugPolicy
        metadata:
          name: %s
        """.formatted(name));
    policy.set("spec", yaml(spec));
    return policy;
  }

  /** Adding an ephemeral container to a pod through {@code resource}/{@code subResource} (UPDATE: PUT or PATCH). */
  static AdmissionRequest addEphemeralContainer(String resource, String subResource) {
    JsonNode old = yaml("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: app
          namespace: shop
        spec:
          containers:
          - name: app
            image: registry.k8s.io/pause:3.10
        """);
    ObjectNode pod = (ObjectNode) old.deepCopy();
    ObjectNode debugger = ((ObjectNode) pod.get("spec")).putArray("ephemeralContainers").addObject();
    debugger.put("name", "dbg");
    debugger.put("image", "busybox:1.37");
    debugger.put("targetContainerName", "app");
    return new AdmissionRequest("UPDATE", "", "v1", resource, subResource, "app", NAMESPACE, "", List.of(), pod,
        old, namespace(NAMESPACE, Map.of()));
  }

  /** The ConfigMap shipped in config/admission, with {@code key} set to {@code value} (null: removed). */
  static JsonNode shippedConfigMap(String key, String value) {
    ObjectNode configMap = (ObjectNode) shippedConfigMap();
    ObjectNode data = (ObjectNode) configMap.get("data");
    if (value == null) {
      data.remove(key);
    } else {
      data.put(key, value);
    }
    return configMap;
  }

  /** The ConfigMap shipped in config/admission. */
  static JsonNode shippedConfigMap() {
    return AdmissionPolicy.documents("bypass_guard_params.yaml").get(0).deepCopy();
  }
}
