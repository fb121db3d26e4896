package io.debugsession.operator.testsupport.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;

/**
 * What the real API server said when it refused a write, in its own words: the Status message (what kubectl prints
 * after "Error from server"), or its causes, each as "field: message" ({@code <nil>} is the object itself). A write
 * the server accepted has none. Anything but a refusal with a Status (a lost connection, say) is rethrown, so that a
 * test cannot take it for one.
 */
public final class Refusal {

  private Refusal() {
  }

  /** The message of the Status that refused {@code write}; empty when the server accepted it. */
  public static Optional<String> message(Runnable write) {
    return refusal(write).map(e -> e.getStatus().getMessage());
  }

  /**
   * The causes of the Status that refused {@code write}, as "field: message"; empty when the server accepted it. A
   * refusal without causes (RBAC's, say) is rethrown: it would read as an acceptance.
   */
  public static List<String> causes(Runnable write) {
    return refusal(write).map(e -> {
      Status status = e.getStatus();
      if (status.getDetails() == null || status.getDetails().getCauses().isEmpty()) {
        throw e;
      }
      return status.getDetails().getCauses().stream()
          .map(cause -> cause.getField() + ": " + cause.getMessage())
          .toList();
    }).orElse(List.of());
  }

  private static Optional<KubernetesClientException> refusal(Runnable write) {
    try {
      write.run();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getStatus() == null) {
        throw e;
      }
      return Optional.of(e);
    }
  }
}
