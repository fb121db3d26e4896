package io.debugsession.operator.testsupport;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Optional;

/**
 * Wraps the fabric8 CRUD (mixed) dispatcher and takes the requests it cannot serve like a real server:
 * {@code pods/{name}/ephemeralcontainers}, {@code pods/{name}/exec}, {@code pods/{name}/eviction}, and direct pod
 * writes that touch {@code spec.ephemeralContainers}; it also gives 404s on a named pod a real Status body.
 * Everything else goes to the wrapped dispatcher unchanged, so {@code server.expect()} expectations, CRUD,
 * watches and status subresources keep working. Every request, whoever answers it, goes to the {@link RequestLog}.
 *
 * <p>Implements Resetable and CustomResourceAware because KubernetesMockServer forwards reset() and
 * expectCustomResource() only to a dispatcher that does.
 */
final class SubresourceRouter extends Dispatcher implements Resetable, CustomResourceAware {

  private final KubernetesMixedDispatcher delegate;
  private final EphemeralContainersEmulation ephemeralContainers;
  private final ExecEmulation exec;
  private final EvictionEmulation evictions;
  private final DirectPodUpdateGuard guard;
  private final RequestLog requestLog;

  SubresourceRouter(KubernetesMixedDispatcher delegate, EphemeralContainersEmulation ephemeralContainers,
      ExecEmulation exec, EvictionEmulation evictions, DirectPodUpdateGuard guard, RequestLog requestLog) {
    this.delegate = delegate;
    this.ephemeralContainers = ephemeralContainers;
    this.exec = exec;
    this.evictions = evictions;
    this.guard = guard;
    this.requestLog = requestLog;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requestLog.record(request);
    Optional<PodPath> pod = PodPath.parse(request.getPath());
    if (pod.isPresent()) {
      PodPath path = pod.get();
      if (path.is("ephemeralcontainers")) {
        return ephemeralContainers.handle(request, path);
      }
      if (path.is("exec")) {
        return exec.handle(request, path);
      }
      if (path.is("eviction")) {
        return evictions.handle(request, path);
      }
      if (path.is(null) && isWrite(request)) {
        Optional<MockResponse> refused = guard.check(request, path);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
      return withNotFoundStatus(delegate.dispatch(request), path);
    }
    return delegate.dispatch(request);
  }

  /**
   * The CRUD dispatcher answers a missing pod with an empty 404, which fabric8 reports as "Not Found";
   * a real server sends a Status ({@code pods "x" not found}) that code may log or match on.
   */
  private static MockResponse withNotFoundStatus(MockResponse response, PodPath path) {
    if (response.code() == 404 && (response.getBody() == null || response.getBody().size() == 0)) {
      return ApiStatus.response(ApiStatus.notFound(path.name()));
    }
    return response;
  }

  private static boolean isWrite(RecordedRequest request) {
    return "PUT".equals(request.getMethod()) || "PATCH".equals(request.getMethod());
  }

  @Override
  public void reset() {
    delegate.reset();
    ephemeralContainers.reset();
    exec.reset();
    evictions.reset();
    requestLog.clear();
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext rdc) {
    delegate.expectCustomResource(rdc);
  }

  @Override
  public void shutdown() {
    exec.shutdown();
    delegate.shutdown();
  }
}
