package io.debugsession.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the identity admission policy in force? Only then has the API server checked spec.requester (and
 * spec.approval.approver) against the authenticated user, and only then does the operator call them verified.
 * The answer is cached for a minute: it changes when an admin installs or removes config/admission, not per session.
 */
public class IdentityPolicyProbe {

  public static final String BINDING = "debugsession-identity";
  private static final Logger LOG = LoggerFactory.getLogger(IdentityPolicyProbe.class);
  private static final Duration CACHE = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Clock clock;
  private volatile Boolean installed;
  private volatile Instant checkedAt = Instant.MIN;

  public IdentityPolicyProbe(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public boolean identityEnforced() {
    Instant now = clock.instant();
    if (installed == null || now.isAfter(checkedAt.plus(CACHE))) {
      installed = probe();
      checkedAt = now;
    }
    return installed;
  }

  private boolean probe() {
    try {
      var binding = client.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(BINDING).get();
      return binding != null && binding.getSpec() != null && binding.getSpec().getValidationActions() != null
          && binding.getSpec().getValidationActions().contains("Deny");
    } catch (KubernetesClientException e) {
      // 403 (no right to read bindings) or 404 (API not served, Kubernetes < 1.30): not provably enforced.
      LOG.warn("Cannot tell whether the identity admission policy is installed (HTTP {}): requesters count as "
          + "unverified", e.getCode());
      return false;
    }
  }
}
