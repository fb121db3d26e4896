package io.debugsession.operator.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a request path that address one named pod, e.g.
 * {@code /api/v1/namespaces/ns/pods/app/ephemeralcontainers?x=y}.
 *
 * <p>Why: the emulations must recognise their subresource before the fabric8 CRUD dispatcher sees the
 * request (it crashes or answers 415 on it), and must address the plain pod when they delegate back.
 *
 * @param subresource {@code null} for the pod itself
 * @param query the raw query string, {@code null} when absent
 */
record PodPath(String namespace, String name, String subresource, String query) {

  private static final Pattern POD_PATH =
      Pattern.compile("^/api/v1/namespaces/([^/?]+)/pods/([^/?]+)(?:/([^/?]+))?/?(?:\\?(.*))?$");

  static Optional<PodPath> parse(String path) {
    Matcher m = POD_PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new PodPath(m.group(1), m.group(2), m.group(3), m.group(4)));
  }

  boolean is(String wantedSubresource) {
    return wantedSubresource == null ? subresource == null : wantedSubresource.equals(subresource);
  }

  /** The path of the pod itself, without subresource or query: what the CRUD dispatcher understands. */
  String podPath() {
    return "/api/v1/namespaces/" + namespace + "/pods/" + name;
  }

  /** Query parameters in order, URL-decoded; repeated keys (exec's {@code command}) keep every value. */
  Map<String, List<String>> queryParameters() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return result;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return result;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
