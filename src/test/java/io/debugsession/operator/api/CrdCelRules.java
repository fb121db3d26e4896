package io.debugsession.operator.api;

import io.debugsession.operator.testsupport.CelValues;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code x-kubernetes-validations} rules of one openAPIV3Schema, compiled and evaluated as the API server does:
 * each rule at its node with {@code self} bound to the value there and typed from the schema (so a misspelt field
 * does not compile); a rule that names {@code oldSelf} only on update and only where the old value exists, correlated
 * through object properties and map keys but not list items (this CRD has no list-type map/set lists); a node whose
 * value is absent is skipped. Errors read as the API server's: "path: message", or "path: (error) evaluating rule:
 * (message)" when evaluation fails.
 *
 * <p>Not modelled: cost limits, validation ratcheting, string formats (Kubernetes types a date-time string as a
 * timestamp). A rule that uses messageExpression, optionalOldSelf or one of Kubernetes' CEL extension libraries
 * (only CEL's standard library and macros are here) fails to load rather than passing silently.
 */
final class CrdCelRules {

  /** How the API server prints the path of the object itself. */
  static final String ROOT = "<nil>";

  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** {@code failure}: reported when the rule is false; {@code name}: how an evaluation error names the rule. */
  private record Rule(String failure, String name, String fieldPath, boolean transition, CelRuntime.Program program) {}

  private final JsonNode root;
  private final Map<JsonNode, List<Rule>> rulesByNode = new IdentityHashMap<>();
  private final Map<String, CelType> structs = new LinkedHashMap<>();
  private final CelTypeProvider typeProvider = new CelTypeProvider() {
    @Override
    public ImmutableCollection<CelType> types() {
      return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String name) {
      return Optional.ofNullable(structs.get(name));
    }
  };

  /** Compiles every rule under {@code root}; throws when one would not compile, as the API server refuses the CRD. */
  static CrdCelRules compile(JsonNode root) {
    CrdCelRules rules = new CrdCelRules(root);
    rules.compile(root, ROOT);
    return rules;
  }

  private CrdCelRules(JsonNode root) {
    this.root = root;
  }

  /** The rules {@code object} fails, as "path: message"; {@code old} is null on create. */
  List<String> evaluate(JsonNode object, JsonNode old) {
    List<String> errors = new ArrayList<>();
    evaluate(root, object, old, ROOT, errors);
    return errors;
  }

  private void evaluate(JsonNode schema, JsonNode value, JsonNode old, String path, List<String> errors) {
    for (Rule rule : rulesByNode.getOrDefault(schema, List.of())) {
      if (rule.transition() && old == null) {
        continue;
      }
      String at = rule.fieldPath().isEmpty() ? path : child(path, rule.fieldPath().replaceFirst("^\\.", ""));
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("self", toCel(value, path.equals(ROOT)));
      if (old != null) {
        vars.put("oldSelf", toCel(old, path.equals(ROOT)));
      }
      try {
        if (!Boolean.TRUE.equals(rule.program().eval(vars))) {
          errors.add(at + ": " + rule.failure());
        }
      } catch (CelEvaluationException e) {
        errors.add(at + ": " + e.getMessage() + " evaluating rule: " + rule.name());
      }
    }
    if (value.isObject()) {
      schema.path("properties").properties().stream()
          .filter(p -> value.has(p.getKey()))
          .forEach(p -> evaluate(p.getValue(), value.get(p.getKey()), old == null ? null : old.get(p.getKey()),
              child(path, p.getKey()), errors));
      if (schema.path("additionalProperties").isObject()) {
        value.properties().forEach(e -> evaluate(schema.path("additionalProperties"), e.getValue(),
            old == null ? null : old.get(e.getKey()), path + "[" + e.getKey() + "]", errors));
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        evaluate(schema.path("items"), value.get(i), null, path + "[" + i + "]", errors);
      }
    }
  }

  private void compile(JsonNode schema, String path) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      for (String unsupported : List.of("messageExpression", "optionalOldSelf")) {
        if (rule.has(unsupported)) {
          throw new IllegalStateException(path + ": " + unsupported + " is not supported by CrdCelRules");
        }
      }
      CelType self = typeOf(schema, path.equals(ROOT) ? "object" : "object." + path, path.equals(ROOT));
      rulesByNode.computeIfAbsent(schema, s -> new ArrayList<>()).add(compileRule(rule, self, path));
    }
    schema.path("properties").properties().forEach(p -> compile(p.getValue(), child(path, p.getKey())));
    if (schema.path("items").isObject()) {
      compile(schema.path("items"), path + "[*]");
    }
    if (schema.path("additionalProperties").isObject()) {
      compile(schema.path("additionalProperties"), path + "[*]");
    }
  }

  private Rule compileRule(JsonNode rule, CelType self, String path) {
    String expression = rule.path("rule").asString();
    CelValidationResult result = CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .setTypeProvider(typeProvider)
        .addVar("self", self)
        .addVar("oldSelf", self)
        .setResultType(SimpleType.BOOL)
        .build()
        .compile(expression);
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      boolean transition = ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("oldSelf"));
      String message = rule.path("message").asString("").trim();
      return new Rule(
          message.isEmpty() ? "failed rule: " + expression.trim() : message,
          message.isEmpty() ? expression.trim() : message,
          rule.path("fieldPath").asString(""),
          transition,
          RUNTIME.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException(path + ": rule " + expression + " does not compile: " + e.getMessage(), e);
    }
  }

  /** The CEL type Kubernetes declares for {@code self} at a schema node. */
  private CelType typeOf(JsonNode schema, String name, boolean root) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return SimpleType.DYN;
    }
    return switch (schema.path("type").asString("")) {
      case "string" -> SimpleType.STRING;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "array" -> ListType.create(typeOf(schema.path("items"), name + ".@items", false));
      case "object" -> objectType(schema, name, root);
      default -> SimpleType.DYN;
    };
  }

  private CelType objectType(JsonNode schema, String name, boolean root) {
    if (schema.path("additionalProperties").isObject()) {
      return MapType.create(SimpleType.STRING, typeOf(schema.path("additionalProperties"), name + ".@value", false));
    }
    if (!schema.path("properties").isObject() && !root) {
      return SimpleType.DYN;
    }
    Map<String, CelType> fields = new LinkedHashMap<>();
    schema.path("properties").properties()
        .forEach(p -> fields.put(p.getKey(), typeOf(p.getValue(), name + "." + p.getKey(), false)));
    if (root) {
      fields.put("apiVersion", SimpleType.STRING);
      fields.put("kind", SimpleType.STRING);
      fields.put("metadata",
          struct(name + ".metadata", Map.of("name", SimpleType.STRING, "generateName", SimpleType.STRING)));
    }
    return struct(name, fields);
  }

  private CelType struct(String name, Map<String, CelType> fields) {
    StructType type =
        StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(fields.get(f)));
    structs.put(name, type);
    return type;
  }

  /** A JSON value as CEL's Java runtime takes it: Map, List, String, Long, Double, Boolean. */
  /** As {@link CelValues#of}, except that the root's metadata shows only what the API server shows CEL. */
  private static Object toCel(JsonNode node, boolean root) {
    if (!root || !node.isObject() || !node.path("metadata").isObject()) {
      return CelValues.of(node);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) CelValues.of(node);
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (String visible : List.of("name", "generateName")) { // all the API server shows of metadata
      node.path("metadata").optional(visible).ifPresent(v -> metadata.put(visible, v.asString()));
    }
    map.put("metadata", metadata);
    return map;
  }

  private static String child(String path, String name) {
    return path.equals(ROOT) ? name : path + "." + name;
  }
}
