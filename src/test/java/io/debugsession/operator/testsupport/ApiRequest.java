package io.debugsession.operator.testsupport;

import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Optional;

/**
 * One request as the emulated server received it.
 *
 * @param path the path without the query
 * @param query the raw query string, {@code null} when there is none
 * @param watch whether the API server would serve it as a watch (verb {@code watch}, see {@link RbacVerbs})
 * @param userAgent the client's User-Agent, which tells the operator's requests from a test's own
 */
public record ApiRequest(String method, String path, String query, boolean watch, String userAgent) {

  static ApiRequest from(RecordedRequest request) {
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    String query = q < 0 ? null : full.substring(q + 1);
    boolean watch = RbacVerbs.of(request.getMethod(), path, query).map(r -> "watch".equals(r.verb())).orElse(false);
    return new ApiRequest(request.getMethod(), path, query, watch, request.getHeader("User-Agent"));
  }

  /** What RBAC checks for it (see {@link RbacVerbs#of}); empty for discovery and other non-resource paths. */
  public Optional<RbacVerbs.Rule> rbac() {
    return RbacVerbs.of(method, path, query);
  }

  @Override
  public String toString() {
    return method + " " + path + (query == null ? "" : "?" + query);
  }
}
