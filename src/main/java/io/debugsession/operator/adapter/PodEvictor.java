package io.debugsession.operator.adapter;

import io.debugsession.operator.lifecycle.EvictionResult;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Evicts a pod through the Eviction API (pods/eviction), which honours PodDisruptionBudgets, unlike a delete.
 *
 * <p>It has a client of its own that does not retry: fabric8 retries an HTTP 429 by itself (ten times, up to ~20 s,
 * longer with Retry-After), which would block a reconcile; the operator retries a refused eviction on its own
 * schedule instead, recording each refusal.
 */
public class PodEvictor implements AutoCloseable {

  private final KubernetesClient client;

  public PodEvictor(KubernetesClient client) {
    this.client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  public EvictionResult evict(String namespace, String pod) {
    try {
      boolean evicted = client.pods().inNamespace(namespace).withName(pod).evict(new EvictionBuilder()
          .withNewMetadata().withName(pod).withNamespace(namespace).endMetadata()
          .build());
      // fabric8 answers false for HTTP 429: the API server's refusal when a PodDisruptionBudget forbids it.
      return evicted ? new EvictionResult.Evicted()
          : new EvictionResult.Blocked("the Eviction API refused (HTTP 429): evicting the pod would violate "
              + "its PodDisruptionBudget");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return new EvictionResult.Gone();
      }
      if (e.getCode() >= 400 && e.getCode() < 500) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage() : e.getMessage();
        return new EvictionResult.Blocked("the Eviction API refused (HTTP " + e.getCode() + "): " + message);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
