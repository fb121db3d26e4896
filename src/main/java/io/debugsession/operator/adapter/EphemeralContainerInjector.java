package io.debugsession.operator.adapter;

import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.SessionFacts;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Adds one ephemeral container through {@code pods/{name}/ephemeralcontainers}, at most once: every attempt re-reads
 * the pod and looks for the container by name first, and writes with the pod's resourceVersion so that a concurrent
 * change gives 409 instead of a lost update. 409s are retried a few times with jitter, as client-go's
 * RetryOnConflict does; other refusals are returned in the API server's words.
 *
 * <p>A conflict usually means another session's debugger was added first: before trying again, the pod as re-read
 * must still have room under its cap; when it has none, the answer is {@link InjectionResult.NoRoom}, so that the
 * session is denied at once rather than sent through the error path.
 */
public class EphemeralContainerInjector {

  private static final long BASE_BACKOFF_MS = 50;

  private final KubernetesClient client;
  private final int conflictRetries;

  public EphemeralContainerInjector(KubernetesClient client, int conflictRetries) {
    this.client = client;
    this.conflictRetries = Math.max(1, conflictRetries);
  }

  /**
   * Adds {@code container} to {@code pod} as just read (the planner found it without the container, with room under
   * its cap); after a conflict it reads the pod again, and finds the container there if an earlier attempt did add it
   * after all.
   *
   * @param capDenial why the pod, as re-read after a conflict, may not take one more debug container; empty while
   *     it has room
   */
  public InjectionResult inject(Pod pod, String expectedPodUid, EphemeralContainer container,
      Function<Pod, Optional<String>> capDenial) {
    String namespace = pod.getMetadata().getNamespace();
    String podName = pod.getMetadata().getName();
    Pod current = pod;
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        current = client.pods().inNamespace(namespace).withName(podName).get();
      }
      if (current == null) {
        return new InjectionResult.PodGone("Pod \"" + podName + "\" disappeared before the debug container was added");
      }
      if (!expectedPodUid.equals(current.getMetadata().getUid())) {
        return new InjectionResult.PodGone("Pod \"" + podName + "\" was replaced (new UID "
            + current.getMetadata().getUid() + ") before the debug container was added");
      }
      var existing = SessionFacts.findEphemeral(current, container.getName());
      if (existing.isPresent()) {
        return new InjectionResult.AlreadyPresent(existing.get());
      }
      if (attempt > 1) {
        Optional<String> full = capDenial.apply(current);
        if (full.isPresent()) {
          return new InjectionResult.NoRoom(full.get());
        }
      }
      Pod withDebugger = new PodBuilder(current).editSpec().addToEphemeralContainers(container).endSpec().build();
      try {
        client.pods().inNamespace(namespace).resource(withDebugger).ephemeralContainers().update();
        return new InjectionResult.Added();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < conflictRetries) {
          backOff(attempt);
          continue;
        }
        if (e.getCode() == 404) {
          return new InjectionResult.PodGone("Pod \"" + podName + "\" disappeared before the debug container was added");
        }
        if (e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != 409 && e.getCode() != 429) {
          return rejected(e);
        }
        throw e; // conflicts beyond the retries, throttling, 5xx, network: transient, the framework retries
      }
    }
  }

  private static InjectionResult.Rejected rejected(KubernetesClientException e) {
    Status status = e.getStatus();
    String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    String reason = status == null ? null : status.getReason();
    return new InjectionResult.Rejected(e.getCode(), reason, message);
  }

  private static void backOff(int attempt) {
    long ceiling = BASE_BACKOFF_MS << Math.min(attempt, 5);
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(BASE_BACKOFF_MS / 2, ceiling));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("Interrupted while retrying a conflicting ephemeral-container write", e);
    }
  }
}
