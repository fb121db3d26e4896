package io.debugsession.operator.testsupport.proxy;

import io.debugsession.operator.testsupport.RbacVerbs;

import java.util.Optional;

/**
 * One request the proxy received, as the client saw it answered.
 *
 * @param query the raw query string, {@code null} when there is none
 * @param userAgent the {@code User-Agent} header, {@code null} when absent
 * @param status the code the client finally got (after any fault): 101 for an exec the kubelet stand-in
 *     played, 0 while no answer has been sent (a delayed request) or when the client left before one was
 */
public record ProxiedRequest(String method, String path, String query, String userAgent, int status) {

  /** The RBAC attributes kube-apiserver checks for this request; empty for a non-resource request. */
  public Optional<RbacVerbs.Rule> rbac() {
    return RbacVerbs.of(method, path, query);
  }

  public boolean matches(RequestMatcher matcher) {
    return matcher.matches(method, path);
  }
}
