package io.debugsession.operator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code pods/{name}/exec} (the fabric8 mock has no exec): records each call, then either refuses it with
 * an HTTP error before the websocket upgrade - as kube-apiserver does for a missing pod (404), an unknown
 * container or a pod without a node (400) - or upgrades to a websocket and lets an {@link ExecHandler}
 * play the process.
 *
 * <p>Where this differs from a real server: no kubelet and no container runtime; the handler decides
 * output and exit code, and nothing checks that the container is running. stdin is not read, tty and
 * resize are ignored, the output comes in one frame per stream. A pod without {@code spec.nodeName} is
 * only refused after {@link #requireHostAssigned(boolean) requireHostAssigned(true)}, because test pods in
 * the mock usually have no node.
 */
public final class ExecEmulation {

  private final CrudPodStore store;
  private final ForcedResponses rejections = new ForcedResponses();
  private final List<ExecRequest> calls = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(new DaemonThreads());
  private volatile ExecHandler handler = ExecHandler.NONE;
  private volatile boolean requireHostAssigned;

  ExecEmulation(CrudPodStore store) {
    this.store = store;
  }

  public void setHandler(ExecHandler handler) {
    this.handler = handler == null ? ExecHandler.NONE : handler;
  }

  /** The next {@code times} exec calls are refused with {@code status} (an HTTP error on the upgrade). */
  public void rejectNext(int times, Status status) {
    rejections.add(times, status);
  }

  /** Refuse exec on pods without {@code spec.nodeName} with 400 "pod app does not have a host assigned". */
  public void requireHostAssigned(boolean require) {
    this.requireHostAssigned = require;
  }

  /** Every exec call received, refused ones included, in arrival order. */
  public List<ExecRequest> calls() {
    return List.copyOf(calls);
  }

  public void reset() {
    rejections.clear();
    calls.clear();
    handler = ExecHandler.NONE;
    requireHostAssigned = false;
  }

  void shutdown() {
    executor.shutdownNow();
  }

  MockResponse handle(RecordedRequest request, PodPath path) {
    ExecRequest exec = ExecRequest.from(path);
    calls.add(exec);
    Optional<Status> refusal = rejections.poll().or(() -> refusalOf(exec));
    if (refusal.isPresent()) {
      return ApiStatus.response(refusal.get());
    }
    return new MockResponse().withWebSocketUpgrade(new ExecSession(exec, () -> handler, executor));
  }

  private Optional<Status> refusalOf(ExecRequest exec) {
    Optional<ObjectNode> pod = store.get(new PodPath(exec.namespace(), exec.pod(), null, null));
    if (pod.isEmpty()) {
      return Optional.of(ApiStatus.notFound(exec.pod()));
    }
    JsonNode spec = pod.get().path("spec");
    if (requireHostAssigned && spec.path("nodeName").asText().isEmpty()) {
      return Optional.of(ApiStatus.noHostAssigned(exec.pod()));
    }
    if (exec.container() != null && !hasContainer(spec, exec.container())) {
      return Optional.of(ApiStatus.badRequest("container " + exec.container() + " is not valid for pod " + exec.pod()));
    }
    return Optional.empty();
  }

  private static boolean hasContainer(JsonNode spec, String name) {
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (name.equals(c.path("name").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "exec-emulation-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
