package io.debugsession.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The RBAC manifests under config/rbac grant exact verbs, the operator's roles grant what its code needs, and the
 * roles for people grant what they should.
 */
class RbacManifestTest {

  private static final Path RBAC = Path.of("config", "rbac");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final List<String> RULE_FIELDS = List.of("apiGroups", "resources", "verbs", "resourceNames");

  @Test
  void grantsNoWildcards() {
    // Arrange
    List<String> wildcards = new ArrayList<>();

    // Act
    for (Map.Entry<Path, JsonNode> document : documents()) {
      JsonNode rules = document.getValue().path("rules");
      for (int i = 0; i < rules.size(); i++) {
        for (String field : RULE_FIELDS) {
          if (rules.get(i).path(field).valueStream().anyMatch(v -> v.asString().contains("*"))) {
            wildcards.add(document.getKey() + " " + name(document.getValue()) + " rules[" + i + "]." + field);
          }
        }
      }
    }

    // Assert
    assertThat(documents()).extracting(d -> name(d.getValue())).contains("debugsession-operator");
    assertThat(wildcards).isEmpty();
  }

  @Test
  void operatorDeletesSessionsForRetention() {
    // Act
    Map<String, Set<String>> grants = grants("debugsession-operator");

    // Assert
    assertThat(grants).containsEntry(
        "debugsession.io/debugsessions", Set.of("get", "list", "watch", "patch", "delete"));
  }

  @Test
  void auditChainRoleReachesOnlyTheChainConfigMapButForCreate() {
    // Act
    Map<String, Set<String>> grants = grants(role("Role", "debugsession-operator-audit-chain"));

    // Assert: RBAC cannot limit create by name, so only create is granted without one.
    assertThat(grants).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "/configmaps", Set.of("create"),
        "/configmaps[debugsession-audit-chain]", Set.of("get", "update"))));
  }

  @Test
  void auditChainRoleIsInstalledAndBoundToTheOperator() {
    // Arrange
    List<String> installed = document(RBAC.resolve("kustomization.yaml")).path("resources").valueStream()
        .map(JsonNode::asString)
        .toList();

    // Act
    JsonNode binding = document(RBAC.resolve("audit_chain_role_binding.yaml"));

    // Assert
    assertThat(installed).contains("audit_chain_role.yaml", "audit_chain_role_binding.yaml");
    assertThat(binding.path("kind").asString()).isEqualTo("RoleBinding");
    assertThat(binding.at("/roleRef/kind").asString()).isEqualTo("Role");
    assertThat(binding.at("/roleRef/name").asString()).isEqualTo("debugsession-operator-audit-chain");
    assertThat(binding.path("subjects")).singleElement().satisfies(subject -> {
      assertThat(subject.path("kind").asString()).isEqualTo("ServiceAccount");
      assertThat(subject.path("name").asString()).isEqualTo("debugsession-operator");
      assertThat(subject.path("namespace").asString()).isEqualTo("debugsession-system");
    });
  }

  @Test
  void requesterCreatesReadsAndPatchesSessions() {
    // Act
    Map<String, Set<String>> grants = grants("debugsession-requester");

    // Assert
    assertThat(grants).containsExactlyEntriesOf(Map.of(
        "debugsession.io/debugsessions", Set.of("create", "get", "list", "watch", "patch")));
  }

  @Test
  void approverReadsAndPatchesSessionsAndReadsPolicies() {
    // Act
    Map<String, Set<String>> grants = grants("debugsession-approver");

    // Assert
    assertThat(grants).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "debugsession.io/debugpolicies", Set.of("get", "list", "watch"),
        "debugsession.io/debugsessions", Set.of("get", "list", "watch", "patch"))));
  }

  @Test
  void auditorOnlyReads() {
    // Act
    Map<String, Set<String>> grants = grants("debugsession-auditor");

    // Assert
    assertThat(grants).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "/events", Set.of("get", "list", "watch"),
        "debugsession.io/debugpolicies", Set.of("get", "list", "watch"),
        "debugsession.io/debugsessions", Set.of("get", "list", "watch"))));
  }

  @Test
  void auditorsReadTheChainHeadThroughARoleOfTheOperatorsNamespaceOnly() {
    // Act
    Map<String, Set<String>> grants = grants(role("Role", "debugsession-audit-chain-reader"));
    JsonNode example = document(RBAC.resolve("examples/auditor_chain_head_role_binding.yaml"));

    // Assert: get, by name; a Role, so that no other namespace's ConfigMap of that name is reachable.
    assertThat(grants).containsExactlyEntriesOf(Map.of("/configmaps[debugsession-audit-chain]", Set.of("get")));
    assertThat(example.path("kind").asString()).isEqualTo("RoleBinding");
    assertThat(example.at("/metadata/namespace").asString()).isEqualTo("debugsession-system");
    assertThat(example.at("/roleRef/name").asString()).isEqualTo("debugsession-audit-chain-reader");
    assertThat(example.path("subjects")).singleElement().satisfies(subject -> assertThat(subject.path("name")
        .asString()).isEqualTo(document(RBAC.resolve("examples/auditor_cluster_role_binding.yaml"))
        .at("/subjects/0/name").asString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"requester", "approver", "auditor"})
  void userRoleIsAnAggregatableClusterRole(String role) {
    // Act
    JsonNode clusterRole = role("ClusterRole", "debugsession-" + role);

    // Assert
    assertThat(clusterRole.at("/metadata/labels/debugsession.io~1role").asString()).isEqualTo(role);
    assertThat(clusterRole.has("aggregationRule")).isFalse();
  }

  @Test
  void bindsNoUserRoleByDefault() {
    // Arrange
    List<String> installed = document(RBAC.resolve("kustomization.yaml")).path("resources").valueStream()
        .map(JsonNode::asString)
        .toList();

    // Act
    List<String> boundRoles = installed.stream()
        .flatMap(file -> read(RBAC.resolve(file)).stream())
        .filter(d -> d.path("kind").asString("").endsWith("Binding"))
        .map(d -> d.at("/roleRef/name").asString())
        .toList();

    // Assert
    assertThat(installed).contains("debugsession_requester_role.yaml", "debugsession_approver_role.yaml",
        "debugsession_auditor_role.yaml", "audit_chain_reader_role.yaml");
    assertThat(boundRoles).doesNotContain("debugsession-requester", "debugsession-approver", "debugsession-auditor",
        "debugsession-audit-chain-reader");
  }

  /** The verbs a ClusterRole grants, by "apiGroup/resource". */
  private static Map<String, Set<String>> grants(String clusterRole) {
    return grants(role("ClusterRole", clusterRole));
  }

  /** The verbs a role grants, by "apiGroup/resource", or "apiGroup/resource[name]" for a rule with resourceNames. */
  private static Map<String, Set<String>> grants(JsonNode role) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (JsonNode rule : role.path("rules")) {
      List<String> suffixes = rule.path("resourceNames").valueStream().map(n -> "[" + n.asString() + "]").toList();
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (String suffix : suffixes.isEmpty() ? List.of("") : suffixes) {
            rule.path("verbs").valueStream().forEach(verb -> grants
                .computeIfAbsent(group.asString() + "/" + resource.asString() + suffix, k -> new TreeSet<>())
                .add(verb.asString()));
          }
        }
      }
    }
    return grants;
  }

  private static JsonNode role(String kind, String name) {
    List<JsonNode> found = documents().stream()
        .map(Map.Entry::getValue)
        .filter(d -> d.path("kind").asString("").equals(kind) && name(d).equals(name))
        .toList();
    assertThat(found).as("%s %s", kind, name).hasSize(1);
    return found.get(0);
  }

  /** Every YAML document under config/rbac, examples included, with the file it is in. */
  private static List<Map.Entry<Path, JsonNode>> documents() {
    try (Stream<Path> files = Files.walk(RBAC)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .flatMap(f -> read(f).stream().map(d -> Map.entry(f, d)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<JsonNode> read(Path file) {
    try {
      return YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll().stream()
          .filter(d -> d != null && d.isObject())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode document(Path file) {
    return read(file).get(0);
  }

  private static String name(JsonNode document) {
    return document.at("/metadata/name").asString("");
  }
}
