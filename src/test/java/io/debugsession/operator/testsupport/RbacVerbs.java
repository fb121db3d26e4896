package io.debugsession.operator.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The RBAC attributes (apiGroup, resource[/subresource], verb) kube-apiserver derives from a request's method,
 * path and query before it asks the authorizer - the rules of k8s.io/apiserver's RequestInfoFactory, so a test
 * can derive from the requests a test logged (e.g. the fault proxy's) the Role the code under test really needs.
 *
 * <ul>
 * <li>{@code /api/v1/...} is the core group "", {@code /apis/{group}/{version}/...} that group; shorter paths
 * ({@code /api}, {@code /apis/g/v1}, {@code /version}, {@code /healthz}) are non-resource requests: empty here.
 * (RBAC checks those as nonResourceURLs; system:discovery grants them to every authenticated user.)</li>
 * <li>{@code /namespaces/{ns}/{resource}/...} is namespaced; {@code /namespaces/{ns}} itself, and its
 * {@code status} and {@code finalize}, are the cluster-scoped resource "namespaces".</li>
 * <li>GET/HEAD on an item: get; on a collection: list, or watch when {@code watch} is given and not
 * "false"/"0" (so {@code ?watch=true}, {@code ?watch=1}, even {@code ?watch=} watch). POST: create, PUT: update,
 * PATCH: patch, DELETE on an item: delete, on a collection: deletecollection. The deprecated
 * {@code /api/v1/watch/...} and {@code /proxy/...} prefixes give the verbs watch and proxy.</li>
 * <li>A third segment after the resource is a subresource: {@code pods/exec}, {@code pods/ephemeralcontainers},
 * {@code pods/eviction} (POST: create), {@code debugsessions/status}.</li>
 * </ul>
 *
 * <p>Exec (and attach, portforward) over WebSocket - what fabric8 and kubectl >= 1.31 use - is a GET upgrade,
 * which RBAC authorises as {@code get} on {@code pods/exec}; SPDY is a POST, authorised as {@code create}. Since
 * Kubernetes 1.35 (feature AuthorizePodWebsocketUpgradeCreatePermission, beta, on by default) the upgrade is
 * also checked for {@code create}: see {@link #checks}. A Role for exec should grant both.
 */
public final class RbacVerbs {

  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
  private static final Set<String> STREAMING_SUBRESOURCES = Set.of("pods/exec", "pods/attach", "pods/portforward");

  private RbacVerbs() {
  }

  /** One (apiGroup, resource, verb) the authorizer is asked about; resource may be {@code resource/subresource}. */
  public record Rule(String apiGroup, String resource, String verb) {

    public static Rule core(String resource, String verb) {
      return new Rule("", resource, verb);
    }

    @Override
    public String toString() {
      return (apiGroup.isEmpty() ? "\"\"" : apiGroup) + " " + resource + " " + verb;
    }
  }

  /** The attributes of a resource request; empty for a non-resource one. {@code path} may carry its query. */
  public static Optional<Rule> of(String method, String path, String query) {
    int q = path.indexOf('?');
    if (q >= 0) {
      query = query == null ? path.substring(q + 1) : query;
      path = path.substring(0, q);
    }
    List<String> parts = split(path);
    if (parts.size() < 3 || !("api".equals(parts.get(0)) || "apis".equals(parts.get(0)))) {
      return Optional.empty();
    }
    String group = "";
    List<String> rest = parts.subList(2, parts.size()); // after /api/{version}
    if ("apis".equals(parts.get(0))) {
      if (parts.size() < 4) {
        return Optional.empty();
      }
      group = parts.get(1);
      rest = parts.subList(3, parts.size()); // after /apis/{group}/{version}
    }
    String verb;
    if ("watch".equals(rest.get(0)) || "proxy".equals(rest.get(0))) {
      if (rest.size() < 2) {
        return Optional.empty(); // the server refuses it: no kind to authorise
      }
      verb = rest.get(0);
      rest = rest.subList(1, rest.size());
    } else {
      verb = verbOf(method);
    }
    if ("namespaces".equals(rest.get(0)) && rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    boolean named = rest.size() >= 2;
    if (rest.size() >= 3 && !"proxy".equals(verb)) {
      resource = resource + "/" + rest.get(2);
    }
    if (!named && "get".equals(verb)) {
      verb = watchRequested(query) ? "watch" : "list";
    } else if (!named && "delete".equals(verb)) {
      verb = "deletecollection";
    }
    return Optional.of(new Rule(group, resource, verb));
  }

  /**
   * Every check the authorizer makes for the request: {@link #of}, plus on Kubernetes >= 1.35 {@code create}
   * for a GET (WebSocket upgrade) on pods/exec, pods/attach or pods/portforward.
   */
  public static List<Rule> checks(String method, String path, String query, boolean kubernetes135OrLater) {
    List<Rule> checks = new ArrayList<>();
    of(method, path, query).ifPresent(rule -> {
      checks.add(rule);
      if (kubernetes135OrLater && "get".equals(rule.verb()) && rule.apiGroup().isEmpty()
          && STREAMING_SUBRESOURCES.contains(rule.resource())) {
        checks.add(new Rule("", rule.resource(), "create"));
      }
    });
    return checks;
  }

  /** The server's bool query parameter: absent, "false" or "0" (any case) is false; anything else, even "", true. */
  static boolean watchRequested(String query) {
    if (query == null || query.isEmpty()) {
      return false;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if ("watch".equals(key)) {
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return !("false".equalsIgnoreCase(value) || "0".equals(value));
      }
    }
    return false;
  }

  private static String verbOf(String method) {
    switch (method.toUpperCase(Locale.ROOT)) {
      case "POST":
        return "create";
      case "GET":
      case "HEAD":
        return "get";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return "delete";
      default:
        return "";
    }
  }

  private static List<String> split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/"));
  }
}
