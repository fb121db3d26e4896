package io.debugsession.operator.api;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the API server checks when a custom resource is created or updated, for the checked-in CRD, without a cluster.
 *
 * <p>It exists because the fabric8 mock server used by the operator's tests stores whatever it is sent: it neither
 * validates the openAPIV3Schema nor evaluates the {@code x-kubernetes-validations} (CEL) rules, so nothing else short
 * of a real API server shows that the CRD rejects what it should. It follows the apiextensions-apiserver's order:
 * prune unknown fields, drop nulls and apply defaults (to the old object as well, as when it is read back); validate
 * the schema (networknt, OpenAPI 3.0 dialect, {@code x-kubernetes-*} keywords ignored); then evaluate the CEL rules
 * ({@link CrdCelRules}), unless a type, required, enum or size error already makes the object unfit for them.
 *
 * <p>Errors read "path: message" with the API server's field paths ({@code <nil>} is the object itself). Missing and
 * unsupported values use the API server's words; other schema errors keep the validator's; CEL errors are the rule's
 * message. Validation ratcheting (unchanged invalid values accepted on update) is not modelled.
 */
final class CrdSchema {

  /** Added, as the API server does, when schema errors kept the CEL rules from running. */
  static final String RULES_NOT_CHECKED = CrdCelRules.ROOT + ": some validation rules were not checked because the "
      + "object was invalid; correct the existing errors to complete validation";

  static final Path CHECKED_IN = Path.of("crds", "debugsessions.debugsession.io-v1.yml");

  /** Schema errors the API server treats as blocking CEL evaluation (strategy.go hasBlockingErr). */
  private static final Set<String> BLOCKING =
      Set.of("type", "required", "enum", "maxLength", "maxItems", "maxProperties");
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final JsonNode openApiSchema;
  private final Schema schema;
  private final CrdCelRules rules;

  private CrdSchema(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    Dialect dialect = Dialect.builder("https://debugsession.io/crd-openapi-v3", Dialects.getOpenApi30())
        .keywords(List.of("x-kubernetes-validations", "x-kubernetes-preserve-unknown-fields",
                "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource", "x-kubernetes-list-type",
                "x-kubernetes-list-map-keys", "x-kubernetes-map-type").stream()
            .map(NonValidationKeyword::new)
            .toList())
        .build();
    this.schema = SchemaRegistry.withDefaultDialect(dialect).getSchema(openApiSchema);
    this.rules = CrdCelRules.compile(openApiSchema);
  }

  /** The schema of the first version of the CRD in {@code crdYaml}. */
  static CrdSchema load(Path crdYaml) {
    try {
      JsonNode crd = YAML.readTree(Files.readString(crdYaml));
      return new CrdSchema(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CrdSchema checkedIn() {
    return load(CHECKED_IN);
  }

  /** Why the API server would refuse to create {@code objectYaml}; empty when it would accept it. */
  List<String> validateCreate(String objectYaml) {
    return validate(normalized(objectYaml), null);
  }

  /** Why the API server would refuse to update {@code oldYaml} to {@code objectYaml}; empty when it would accept it. */
  List<String> validateUpdate(String oldYaml, String objectYaml) {
    return validate(normalized(objectYaml), normalized(oldYaml));
  }

  private List<String> validate(JsonNode object, JsonNode old) {
    List<Error> schemaErrors = schema.validate(object);
    List<String> errors =
        schemaErrors.stream().map(CrdSchema::describe).collect(Collectors.toCollection(ArrayList::new));
    if (schemaErrors.stream().anyMatch(e -> BLOCKING.contains(e.getKeyword()))) {
      errors.add(RULES_NOT_CHECKED);
    } else {
      errors.addAll(rules.evaluate(object, old));
    }
    return errors;
  }

  private JsonNode normalized(String yaml) {
    JsonNode object = YAML.readTree(yaml);
    normalize(openApiSchema, object, true);
    return object;
  }

  /** Pruning of unknown fields, then of nulls where the schema is not nullable, then defaulting, recursively. */
  private static void normalize(JsonNode schema, JsonNode value, boolean root) {
    if (value instanceof ObjectNode object) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      for (String name : List.copyOf(object.propertyNames())) {
        JsonNode fieldSchema = properties.has(name) ? properties.get(name) : additional.isObject() ? additional : null;
        if (fieldSchema == null) {
          if (!preserve && !(root && ROOT_FIELDS.contains(name))) {
            object.remove(name);
          }
        } else if (object.get(name).isNull() && !fieldSchema.path("nullable").asBoolean(false)) {
          object.remove(name);
        }
      }
      properties.properties().stream()
          .filter(p -> !object.has(p.getKey()) && p.getValue().has("default"))
          .forEach(p -> object.set(p.getKey(), p.getValue().get("default").deepCopy()));
      object.properties().forEach(e -> {
        JsonNode fieldSchema = properties.has(e.getKey()) ? properties.get(e.getKey()) : additional;
        if (fieldSchema.isObject()) { // no schema: apiVersion, kind, metadata, preserved unknown fields
          normalize(fieldSchema, e.getValue(), false);
        }
      });
    } else if (value.isArray()) {
      value.values().forEach(item -> normalize(schema.path("items"), item, false));
    }
  }

  private static String describe(Error error) {
    String path = fieldPath(error.getInstanceLocation());
    return switch (error.getKeyword()) {
      case "required" -> (path.equals(CrdCelRules.ROOT) ? "" : path + ".") + error.getProperty() + ": Required value";
      case "enum" -> path + ": Unsupported value: " + error.getInstanceNode() + ": supported values: "
          + error.getSchemaNode().values().stream().map(JsonNode::toString).collect(Collectors.joining(", "));
      default -> path + ": " + error.getMessage();
    };
  }

  /** A JSON pointer as the API server writes a field path: spec.command[0]. */
  private static String fieldPath(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(element);
      }
    }
    return path.length() == 0 ? CrdCelRules.ROOT : path.toString();
  }
}
