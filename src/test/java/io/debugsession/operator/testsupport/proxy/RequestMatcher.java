package io.debugsession.operator.testsupport.proxy;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which requests a fault applies to, or a test counts: an HTTP method (or any) and a predicate on the path
 * (without the query), e.g. {@code RequestMatcher.of("PATCH", path -> path.endsWith("/ephemeralcontainers"))}.
 *
 * @param method upper-case HTTP method, or {@code null} for any method
 */
public record RequestMatcher(String method, Predicate<String> path) {

  public RequestMatcher {
    method = method == null ? null : method.toUpperCase(Locale.ROOT);
    Objects.requireNonNull(path, "path");
  }

  public static RequestMatcher of(String method, Predicate<String> path) {
    return new RequestMatcher(Objects.requireNonNull(method, "method"), path);
  }

  public static RequestMatcher anyMethod(Predicate<String> path) {
    return new RequestMatcher(null, path);
  }

  /** Every request, e.g. to make the whole server answer 500 for a while. */
  public static RequestMatcher any() {
    return new RequestMatcher(null, path -> true);
  }

  public boolean matches(String requestMethod, String requestPath) {
    return (method == null || method.equalsIgnoreCase(requestMethod)) && path.test(requestPath);
  }
}
