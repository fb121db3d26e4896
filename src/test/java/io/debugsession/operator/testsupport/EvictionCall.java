package io.debugsession.operator.testsupport;

/**
 * One POST received on {@code pods/{name}/eviction}, with the code it was answered. Lets tests assert "the
 * operator evicted once", "it retried after the 429", or which Eviction version its client sent.
 *
 * @param apiVersion the body's {@code apiVersion} ({@code policy/v1} or {@code policy/v1beta1}), "" if absent
 */
public record EvictionCall(String namespace, String pod, String apiVersion, String body, int responseCode) {

  public boolean succeeded() {
    return responseCode >= 200 && responseCode < 300;
  }
}
