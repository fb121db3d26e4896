package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads and writes a pod through the wrapped fabric8 CRUD dispatcher, in process (no HTTP round trip).
 *
 * <p>Why through the dispatcher and not into its map: a PUT through the CRUD dispatcher checks
 * resourceVersion, bumps it, and fires watch events, so informers of the code under test see the change
 * exactly as they would see a write on a real server.
 */
final class CrudPodStore {

  static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher crud;

  CrudPodStore(Dispatcher crud) {
    this.crud = crud;
  }

  Optional<ObjectNode> get(PodPath pod) {
    MockResponse response = crud.dispatch(request(HttpMethod.GET, pod.podPath(), null));
    if (response.code() != 200) {
      return Optional.empty();
    }
    return Optional.of(parse(new String(response.getBody().getBytes(), StandardCharsets.UTF_8)));
  }

  /** PUT of the whole pod; the answer is the CRUD dispatcher's (200 with the stored pod, or 409/404). */
  MockResponse put(PodPath pod, ObjectNode body) {
    return crud.dispatch(request(HttpMethod.PUT, pod.podPath(), body.toString()));
  }

  /** PUT through {@code /status}: only the status of {@code body} is taken, resourceVersion is checked and bumped. */
  MockResponse putStatus(PodPath pod, ObjectNode body) {
    return crud.dispatch(request(HttpMethod.PUT, pod.podPath() + "/status", body.toString()));
  }

  /** DELETE of the pod: removed at once (or only marked, while it has finalizers); watches see DELETED. */
  MockResponse delete(PodPath pod) {
    return crud.dispatch(request(HttpMethod.DELETE, pod.podPath(), null));
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
  }

  static String body(MockResponse response) {
    return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static RecordedRequest request(HttpMethod method, String path, String body) {
    Headers headers = body == null ? Headers.builder().build()
        : Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest("HTTP/1.1", method, path, headers,
        new Buffer(body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
  }
}
