package io.debugsession.operator.testsupport;

import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every request the emulated server received, in arrival order, whatever answered it (CRUD, an emulation, an
 * expectation), so that a test can derive the RBAC the client really used:
 *
 * <pre>
 * assertThat(api.requests().rbac()).containsExactlyInAnyOrder(
 *     RbacVerbs.Rule.core("pods", "get"), RbacVerbs.Rule.core("pods/eviction", "create"));
 * </pre>
 *
 * <p>Where this differs from a real server: nothing is authorised; it only shows what a real server would
 * have checked. fabric8's own retries (of a 429 or a 5xx) appear once per attempt, as they would in an audit log.
 */
public final class RequestLog {

  private final List<ApiRequest> requests = new ArrayList<>();

  synchronized void record(RecordedRequest request) {
    requests.add(ApiRequest.from(request));
  }

  public synchronized List<ApiRequest> requests() {
    return List.copyOf(requests);
  }

  /** The distinct RBAC attributes of the resource requests, in order of first use. */
  public synchronized Set<RbacVerbs.Rule> rbac() {
    Set<RbacVerbs.Rule> rules = new LinkedHashSet<>();
    requests.forEach(r -> r.rbac().ifPresent(rules::add));
    return rules;
  }

  public synchronized void clear() {
    requests.clear();
  }
}
