package io.debugsession.operator.admission;

import io.debugsession.operator.testsupport.CelValues;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import io.debugsession.operator.admission.KubernetesCel.Compiled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A ValidatingAdmissionPolicy and its binding from one file under config/admission, compiled with dev.cel and
 * evaluated as the API server's validating dispatcher does (k8s.io/apiserver, admission/plugin/policy/validating):
 * matchConstraints; the binding's params (none found: parameterNotFoundAction); per param, the matchConditions (any
 * false: not applicable; otherwise an error fails by failurePolicy), the variables, then every validation; the first
 * refusal is the answer. A refusal's message is the messageExpression's result when it is a non-empty single line,
 * else the message, else "failed expression: ...". Variables are evaluated eagerly here, lazily there: a variable
 * that fails only errs the expressions that use it, in both.
 */
final class AdmissionPolicy {

  static final Path DIRECTORY = Path.of("config", "admission");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final KubernetesCel CEL = new KubernetesCel();
  private static final int MAX_MESSAGE_BYTES = 5 * 1024;

  private record Validation(Compiled expression, Compiled messageExpression, String message, String reason) {}

  private final JsonNode policy;
  private final JsonNode binding;
  private final boolean failClosed;
  private final List<Compiled> matchConditions = new ArrayList<>();
  private final Map<String, Compiled> variables = new LinkedHashMap<>();
  private final List<Validation> validations = new ArrayList<>();

  /** The policy in {@code file} (under config/admission); throws when an expression would not compile. */
  static AdmissionPolicy load(String file) {
    List<JsonNode> documents = documents(file);
    JsonNode policy = only(documents, "ValidatingAdmissionPolicy");
    JsonNode binding = only(documents, "ValidatingAdmissionPolicyBinding");
    if (!binding.at("/spec/policyName").asString().equals(policy.at("/metadata/name").asString())) {
      throw new IllegalStateException(file + ": the binding names another policy");
    }
    return new AdmissionPolicy(policy, binding);
  }

  /** The YAML documents of {@code file} under config/admission. */
  static List<JsonNode> documents(String file) {
    try {
      return YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(DIRECTORY.resolve(file))).readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AdmissionPolicy(JsonNode policy, JsonNode binding) {
    this.policy = policy;
    this.binding = binding;
    this.failClosed = !spec().path("failurePolicy").asString("Fail").equals("Ignore");
    boolean params = spec().has("paramKind");
    spec().path("matchConditions").forEach(c ->
        matchConditions.add(CEL.compile(c.path("expression").asString(), null, params, SimpleType.BOOL)));
    Map<String, CelType> types = new LinkedHashMap<>();
    spec().path("variables").forEach(v -> {
      Compiled compiled = CEL.compile(v.path("expression").asString(), types, params, null);
      variables.put(v.path("name").asString(), compiled);
      types.put(v.path("name").asString(), compiled.type());
    });
    spec().path("validations").forEach(v -> validations.add(new Validation(
        CEL.compile(v.path("expression").asString(), types, params, SimpleType.BOOL),
        v.has("messageExpression")
            ? CEL.compile(v.path("messageExpression").asString(), types, params, SimpleType.STRING)
            : null,
        v.path("message").asString("").trim(),
        v.path("reason").asString(""))));
  }

  JsonNode spec() {
    return policy.path("spec");
  }

  JsonNode bindingSpec() {
    return binding.path("spec");
  }

  /** The API server's answer to {@code request} when {@code cluster} holds these objects (the candidate params). */
  AdmissionVerdict admit(AdmissionRequest request, JsonNode... cluster) {
    if (!PolicyMatching.matches(spec().path("matchConstraints"), request)) {
      return AdmissionVerdict.ADMITTED;
    }
    if (bindingSpec().has("matchResources")) {
      throw new UnsupportedOperationException("binding matchResources is not modelled");
    }
    List<JsonNode> params = new ArrayList<>();
    if (spec().has("paramKind")) {
      JsonNode paramRef = bindingSpec().path("paramRef");
      params.addAll(PolicyMatching.params(spec().path("paramKind"), paramRef, request, List.of(cluster)));
      if (params.isEmpty() && paramRef.path("parameterNotFoundAction").asString("").equals("Deny")) {
        return failClosed ? denied("", "failed to configure binding: no params found for policy binding with "
            + "`Deny` parameterNotFoundAction") : AdmissionVerdict.ADMITTED;
      }
    } else {
      params.add(null);
    }
    for (JsonNode param : params) {
      AdmissionVerdict verdict = validate(request, param);
      if (!verdict.allowed()) {
        return verdict;
      }
    }
    return AdmissionVerdict.ADMITTED;
  }

  private AdmissionVerdict validate(AdmissionRequest request, JsonNode param) {
    Map<String, Object> activation = new LinkedHashMap<>();
    activation.put("object", CelValues.of(request.object()));
    activation.put("oldObject", CelValues.of(request.oldObject()));
    activation.put("request", request.toCel());
    activation.put("namespaceObject", CelValues.of(request.namespaceObject()));
    if (spec().has("paramKind")) {
      activation.put("params", CelValues.of(param));
    }
    String conditionError = null;
    for (Compiled condition : matchConditions) {
      try {
        if (!Boolean.TRUE.equals(condition.eval(activation))) {
          return AdmissionVerdict.ADMITTED;
        }
      } catch (CelEvaluationException e) {
        conditionError = conditionError != null ? conditionError : error(condition, e);
      }
    }
    if (conditionError != null) {
      return failClosed ? denied("", conditionError) : AdmissionVerdict.ADMITTED;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    activation.put("variables", values);
    variables.forEach((name, compiled) -> {
      try {
        values.put(name, compiled.eval(activation));
      } catch (CelEvaluationException e) {
        // left out: an expression that uses it fails, as the lazily evaluated variable would make it fail
      }
    });
    for (Validation validation : validations) {
      try {
        if (!Boolean.TRUE.equals(validation.expression().eval(activation))) {
          return denied(validation.reason(), message(validation, activation));
        }
      } catch (CelEvaluationException e) {
        if (failClosed) {
          return denied("", error(validation.expression(), e));
        }
      }
    }
    return AdmissionVerdict.ADMITTED;
  }

  private static String message(Validation validation, Map<String, Object> activation) {
    if (validation.messageExpression() != null) {
      try {
        String message = ((String) validation.messageExpression().eval(activation)).trim();
        boolean fits = message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES;
        if (!message.isEmpty() && !message.contains("\n") && fits) {
          return message;
        }
      } catch (CelEvaluationException e) {
        // falls back, as the API server does (it only logs the error)
      }
    }
    return validation.message().isEmpty()
        ? "failed expression: " + validation.expression().expression().trim()
        : validation.message();
  }

  private AdmissionVerdict denied(String reason, String message) {
    return AdmissionVerdict.denied(
        policy.at("/metadata/name").asString(), binding.at("/metadata/name").asString(), reason, message);
  }

  /** An evaluation error, in the API server's words up to the error itself (dev.cel words that differently). */
  private static String error(Compiled compiled, CelEvaluationException e) {
    return "expression '" + compiled.expression() + "' resulted in error: " + e.getMessage();
  }

  private static JsonNode only(List<JsonNode> documents, String kind) {
    List<JsonNode> found = documents.stream().filter(d -> d.path("kind").asString("").equals(kind)).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }
}
