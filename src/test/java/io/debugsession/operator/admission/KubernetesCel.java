package io.debugsession.operator.admission;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelStringExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.validator.CelValidatorFactory;
import dev.cel.validator.validators.DurationLiteralValidator;
import dev.cel.validator.validators.HomogeneousLiteralValidator;
import dev.cel.validator.validators.RegexLiteralValidator;
import dev.cel.validator.validators.TimestampLiteralValidator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL environment a ValidatingAdmissionPolicy is compiled in by a Kubernetes 1.30+ API server, as far as dev.cel
 * has it: {@code object}, {@code oldObject} and {@code params} are dyn; {@code request} and {@code namespaceObject}
 * are typed as the API server declares them (so {@code request.userinfo} does not compile); {@code variables} holds
 * the policy's variables with the types their expressions have. Standard macros, optional types
 * ({@code a.?b.orValue(c)}, since 1.28), the strings extension at the functions of cel-go's version 2 (1.29), the sets
 * extension (1.29), and the checks of literals (homogeneous lists and maps, valid durations, timestamps and regular
 * expressions, 1.29).
 *
 * <p>Missing from dev.cel, so an expression that uses them fails to compile here although a cluster accepts it:
 * the {@code authorizer} variable, Kubernetes' own libraries (lists' isSorted/sum/min/max/indexOf, regex find,
 * url, quantity, ip, cidr, format, semver, image), strings' {@code format}, and cross-type numeric comparisons
 * ({@code 1 < 1.5}). Cost limits are not modelled.
 */
final class KubernetesCel {

  /** strings() without reverse(), which cel-go added after the version Kubernetes enables. */
  private static final CelStringExtensions STRINGS =
      CelExtensions.strings(EnumSet.complementOf(EnumSet.of(CelStringExtensions.Function.REVERSE)));
  private static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true).build();
  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
      .setOptions(OPTIONS)
      .addLibraries(STRINGS, CelExtensions.optional(), CelExtensions.sets(OPTIONS))
      .build();

  private final Map<String, CelType> types = new LinkedHashMap<>();
  private final StructType request;
  private final StructType namespace;

  KubernetesCel() {
    StructType gvk = struct("kubernetes.GroupVersionKind",
        Map.of("group", SimpleType.STRING, "version", SimpleType.STRING, "kind", SimpleType.STRING));
    StructType gvr = struct("kubernetes.GroupVersionResource",
        Map.of("group", SimpleType.STRING, "version", SimpleType.STRING, "resource", SimpleType.STRING));
    ListType strings = ListType.create(SimpleType.STRING);
    StructType userInfo = struct("kubernetes.UserInfo", Map.of("username", SimpleType.STRING,
        "uid", SimpleType.STRING, "groups", strings, "extra", MapType.create(SimpleType.STRING, strings)));
    Map<String, CelType> requestFields = new LinkedHashMap<>();
    requestFields.putAll(Map.of("kind", gvk, "resource", gvr, "subResource", SimpleType.STRING,
        "requestKind", gvk, "requestResource", gvr, "requestSubResource", SimpleType.STRING));
    requestFields.putAll(Map.of("name", SimpleType.STRING, "namespace", SimpleType.STRING,
        "operation", SimpleType.STRING, "userInfo", userInfo, "dryRun", SimpleType.BOOL, "options", SimpleType.DYN));
    request = struct("kubernetes.AdmissionRequest", requestFields);

    MapType stringMap = MapType.create(SimpleType.STRING, SimpleType.STRING);
    Map<String, CelType> metadata = new LinkedHashMap<>();
    metadata.putAll(Map.of("name", SimpleType.STRING, "generateName", SimpleType.STRING,
        "namespace", SimpleType.STRING, "labels", stringMap, "annotations", stringMap, "UID", SimpleType.STRING,
        "creationTimestamp", SimpleType.TIMESTAMP, "deletionGracePeriodSeconds", SimpleType.INT,
        "deletionTimestamp", SimpleType.TIMESTAMP, "generation", SimpleType.INT));
    metadata.putAll(Map.of("resourceVersion", SimpleType.STRING, "finalizers", strings));
    StructType condition = struct("kubernetes.NamespaceCondition", Map.of("status", SimpleType.STRING,
        "type", SimpleType.STRING, "lastTransitionTime", SimpleType.TIMESTAMP, "message", SimpleType.STRING,
        "reason", SimpleType.STRING));
    namespace = struct("kubernetes.Namespace", Map.of(
        "metadata", struct("kubernetes.NamespaceMetadata", metadata),
        "spec", struct("kubernetes.NamespaceSpec", Map.of("finalizers", strings)),
        "status", struct("kubernetes.NamespaceStatus",
            Map.of("conditions", ListType.create(condition), "phase", SimpleType.STRING))));
  }

  /**
   * {@code expression} compiled with {@code variables} (the policy's variables declared before it, by type) in scope
   * ({@code null}: no {@code variables}, as for matchConditions) and {@code params} when the policy has a paramKind.
   * Throws when it does not compile or does not yield {@code resultType}, as the API server reports the policy.
   */
  Compiled compile(String expression, Map<String, CelType> variables, boolean params, CelType resultType) {
    CelCompilerBuilder compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(STRINGS, CelExtensions.optional(), CelExtensions.sets(OPTIONS))
        .addVar("object", SimpleType.DYN)
        .addVar("oldObject", SimpleType.DYN)
        .addVar("request", request)
        .addVar("namespaceObject", namespace);
    if (params) {
      compiler.addVar("params", SimpleType.DYN);
    }
    Map<String, CelType> scope = new LinkedHashMap<>(types);
    if (variables != null) {
      compiler.addVar("variables", struct("kubernetes.variables" + variables.size(), variables, scope));
    }
    compiler.setTypeProvider(provider(scope));
    try {
      CelCompiler built = compiler.build();
      CelAbstractSyntaxTree ast = CelValidatorFactory.standardCelValidatorBuilder(built, RUNTIME)
          .addAstValidators(HomogeneousLiteralValidator.newInstance(), DurationLiteralValidator.INSTANCE,
              TimestampLiteralValidator.INSTANCE, RegexLiteralValidator.INSTANCE)
          .build()
          .validate(built.compile(expression).getAst())
          .getAst();
      if (resultType != null && !ast.getResultType().equals(resultType)) {
        throw new IllegalStateException(
            "must evaluate to " + resultType.name() + " but got " + ast.getResultType().name() + ": " + expression);
      }
      return new Compiled(expression, ast.getResultType(), RUNTIME.createProgram(ast));
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException("compilation failed: " + e.getMessage(), e);
    }
  }

  /** A compiled expression and the type it yields. */
  record Compiled(String expression, CelType type, CelRuntime.Program program) {

    Object eval(Map<String, Object> activation) throws CelEvaluationException {
      return program.eval(activation);
    }
  }

  private StructType struct(String name, Map<String, CelType> fields) {
    return struct(name, fields, types);
  }

  private static StructType struct(String name, Map<String, CelType> fields, Map<String, CelType> into) {
    Map<String, CelType> copy = Map.copyOf(fields);
    StructType type =
        StructType.create(name, ImmutableSet.copyOf(copy.keySet()), f -> Optional.ofNullable(copy.get(f)));
    into.put(name, type);
    return type;
  }

  private static CelTypeProvider provider(Map<String, CelType> types) {
    return new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(types.values());
      }

      @Override
      public Optional<CelType> findType(String name) {
        return Optional.ofNullable(types.get(name));
      }
    };
  }
}
