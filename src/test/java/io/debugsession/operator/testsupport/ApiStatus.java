package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * metav1.Status bodies shaped like the ones kube-apiserver (k8s.io/apimachinery/pkg/api/errors) sends, so
 * that code under test sees the same codes, reasons and messages on the mock as on a real cluster.
 *
 * <p>Note the server's message for Invalid is {@code Pod "app" is invalid: ...}; kubectl prints it as
 * {@code The Pod "app" is invalid: ...}, and an Invalid error without kind/name (a JSON patch that does
 * not apply) as {@code The request is invalid: ...}. A fabric8 client sees the server's form.
 */
public final class ApiStatus {

  private ApiStatus() {
  }

  /** One validation error, rendered like k8s.io/apimachinery field.Error: {@code <field>: <body>}. */
  public record FieldError(String field, String causeType, String body) {
    static FieldError forbidden(String field, String detail) {
      return new FieldError(field, "FieldValueForbidden", "Forbidden: " + detail);
    }

    static FieldError duplicate(String field, String value) {
      return new FieldError(field, "FieldValueDuplicate", "Duplicate value: " + quote(value));
    }

    static FieldError required(String field) {
      return new FieldError(field, "FieldValueRequired", "Required value");
    }

    static FieldError notFound(String field, String value) {
      return new FieldError(field, "FieldValueNotFound", "Not found: " + quote(value));
    }

    @Override
    public String toString() {
      return field + ": " + body;
    }
  }

  /** 422 Invalid for a Pod, aggregating the errors the way utilerrors.Aggregate does ([a, b] when several). */
  public static Status podInvalid(String podName, List<FieldError> errors) {
    List<String> messages = errors.stream().map(FieldError::toString).distinct().collect(Collectors.toList());
    String aggregate = messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]";
    List<StatusCause> causes = errors.stream()
        .map(e -> new StatusCauseBuilder().withField(e.field()).withMessage(e.body()).withReason(e.causeType()).build())
        .collect(Collectors.toList());
    return failure(422, "Invalid", "Pod " + quote(podName) + " is invalid: " + aggregate,
        new StatusDetailsBuilder().withKind("Pod").withName(podName).withCauses(causes).build());
  }

  /** 422 for an RFC 6902 patch that does not apply (NewGenericServerResponse: no kind, no name, no causes). */
  public static Status requestInvalid() {
    return failure(422, "Invalid", "the server rejected our request due to an error in our request",
        new StatusDetailsBuilder().build());
  }

  public static Status conflict(String podName) {
    return failure(409, "Conflict", "Operation cannot be fulfilled on pods " + quote(podName)
        + ": the object has been modified; please apply your changes to the latest version and try again",
        new StatusDetailsBuilder().withKind("pods").withName(podName).build());
  }

  public static Status notFound(String podName) {
    return failure(404, "NotFound", "pods " + quote(podName) + " not found",
        new StatusDetailsBuilder().withKind("pods").withName(podName).build());
  }

  public static Status badRequest(String message) {
    return failure(400, "BadRequest", message, null);
  }

  /** What a real server answers exec on a pod with no node: {@code pod app does not have a host assigned}. */
  public static Status noHostAssigned(String podName) {
    return badRequest("pod " + podName + " does not have a host assigned");
  }

  /** 415 with the real server's wording; {@code contentType} is what the emulation could not handle. */
  public static Status unsupportedMediaType(String contentType) {
    return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media"
        + " types include: application/json-patch+json, application/merge-patch+json,"
        + " application/apply-patch+yaml, application/strategic-merge-patch+json (got " + contentType + ")", null);
  }

  /** 403 from an admission plugin or RBAC, e.g. {@code pods "app" is forbidden: violates PodSecurity ...}. */
  public static Status forbidden(String podName, String why) {
    return failure(403, "Forbidden", "pods " + quote(podName) + " is forbidden: " + why,
        new StatusDetailsBuilder().withKind("pods").withName(podName).build());
  }

  /**
   * The 403 Pod Security Admission gives a {@code general}-profile debugger (SYS_PTRACE) in a namespace
   * enforcing {@code restricted}, observed on kube-apiserver v1.32 (see shared/facts/real-apiserver.md).
   */
  public static Status podSecurityRestricted(String podName, String container) {
    String c = quote(container);
    return forbidden(podName, "violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"
        + " (container " + c + " must set securityContext.allowPrivilegeEscalation=false), unrestricted"
        + " capabilities (container " + c + " must set securityContext.capabilities.drop=[\"ALL\"]; container "
        + c + " must not include \"SYS_PTRACE\" in securityContext.capabilities.add)");
  }

  /**
   * The 429 the eviction subresource answers when a PodDisruptionBudget allows no disruption now
   * (pkg/registry/core/pod/storage/eviction.go, {@code checkAndDecrement}): no Retry-After, one cause of
   * reason {@code DisruptionBudget}.
   */
  public static Status disruptionBudgetViolated(String pdbName, int desiredHealthy, int currentHealthy) {
    return tooManyRequests(pdbName, "The disruption budget " + pdbName + " needs " + desiredHealthy
        + " healthy pods and has " + currentHealthy + " currently", 0);
  }

  /**
   * The 429 for a budget whose status the disruption controller has not caught up with yet (observedGeneration
   * behind): {@code retryAfterSeconds} 10, which the server also sends as a {@code Retry-After: 10} header.
   */
  public static Status disruptionBudgetBeingProcessed(String pdbName) {
    return tooManyRequests(pdbName, "The disruption budget " + pdbName + " is still being processed by the server.",
        10);
  }

  private static Status tooManyRequests(String pdbName, String causeMessage, int retryAfterSeconds) {
    StatusDetailsBuilder details = new StatusDetailsBuilder()
        .withCauses(new StatusCauseBuilder().withReason("DisruptionBudget").withMessage(causeMessage).build());
    if (retryAfterSeconds > 0) {
      details.withRetryAfterSeconds(retryAfterSeconds);
    }
    return failure(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
        details.build());
  }

  /** What a successful eviction returns: a bare {@code Status} with status Success and no code (sent as 201). */
  public static Status success() {
    return new StatusBuilder().withMetadata(new ListMeta()).withStatus("Success").build();
  }

  /**
   * 409 for a delete precondition (uid or resourceVersion) that does not hold, as the eviction subresource
   * words it (errors.NewConflict on resource "Pod"), e.g. {@code the UID in the precondition (a) does not match
   * the UID in record (b). The object might have been deleted and then recreated}.
   */
  public static Status preconditionConflict(String podName, String why) {
    return failure(409, "Conflict", "Operation cannot be fulfilled on Pod " + quote(podName) + ": " + why,
        new StatusDetailsBuilder().withKind("Pod").withGroup("").withName(podName).build());
  }

  public static Status failure(int code, String reason, String message,
      io.fabric8.kubernetes.api.model.StatusDetails details) {
    return new StatusBuilder()
        .withMetadata(new ListMeta())
        .withStatus("Failure")
        .withMessage(message)
        .withReason(reason)
        .withDetails(details)
        .withCode(code)
        .build();
  }

  static MockResponse response(Status status) {
    return response(status.getCode(), status);
  }

  /**
   * The Status as an HTTP answer with {@code code}; like the server's ErrorNegotiated, a
   * {@code details.retryAfterSeconds} above 0 also becomes a {@code Retry-After} header (which fabric8 honours).
   */
  static MockResponse response(int code, Status status) {
    MockResponse response = new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(status));
    Integer retryAfter = status.getDetails() == null ? null : status.getDetails().getRetryAfterSeconds();
    if (retryAfter != null && retryAfter > 0) {
      response.setHeader("Retry-After", String.valueOf(retryAfter));
    }
    return response;
  }

  /** Go's %q for the plain names used here. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
