package io.debugsession.operator.testsupport;

import java.util.List;
import java.util.Map;

/**
 * One call received on {@code pods/{name}/exec}, decoded from its query string.
 *
 * @param container the {@code container} parameter; fabric8 always sends one (it picks a default itself)
 */
public record ExecRequest(String namespace, String pod, String container, List<String> command, boolean stdin,
    boolean stdout, boolean stderr, boolean tty) {

  static ExecRequest from(PodPath path) {
    Map<String, List<String>> q = path.queryParameters();
    return new ExecRequest(path.namespace(), path.name(), first(q, "container"),
        List.copyOf(q.getOrDefault("command", List.of())), flag(q, "stdin"), flag(q, "stdout"), flag(q, "stderr"),
        flag(q, "tty"));
  }

  private static String first(Map<String, List<String>> q, String key) {
    List<String> values = q.get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static boolean flag(Map<String, List<String>> q, String key) {
    return "true".equalsIgnoreCase(first(q, key)) || "1".equals(first(q, key));
  }
}
