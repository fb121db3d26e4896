package io.debugsession.operator.adapter;

import io.debugsession.operator.policy.IdentityAdmission;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is the identity admission policy in force? Only then has the API server checked spec.requester (and
 * spec.approval.approver, spec.endedBy) against the authenticated user, and only then does the operator call them
 * verified. Reads the binding and the policy it binds, and compares them with the policy this operator ships
 * ({@link IdentityAdmission}). The answer is cached for a minute for requesters (it changes when an admin installs or
 * removes config/admission, not per session); an approval is checked against a fresh answer.
 */
public class IdentityPolicyProbe {

  /** The shipped policy, put on the classpath by the build from config/admission/identity_policy.yaml. */
  static final String SHIPPED = "/META-INF/debugsession/admission/identity_policy.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(IdentityPolicyProbe.class);
  private static final Duration CACHE = Duration.ofMinutes(1);

  private final KubernetesClient client;
  private final Clock clock;
  private final List<Validation> shippedValidations;
  private volatile IdentityAdmission cached;
  private volatile Instant checkedAt = Instant.MIN;
  private volatile String lastProblem;

  public IdentityPolicyProbe(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.shippedValidations = shippedValidations(client);
  }

  /** What the API server checks, as found at most a minute ago. */
  public IdentityAdmission identity() {
    Instant now = clock.instant();
    if (cached == null || now.isAfter(checkedAt.plus(CACHE))) {
      return freshIdentity();
    }
    return cached;
  }

  /** What the API server checks now. */
  public IdentityAdmission freshIdentity() {
    IdentityAdmission found = probe();
    cached = found;
    checkedAt = clock.instant();
    if (!found.enforced() && !found.problem().equals(lastProblem)) {
      LOG.warn("The API server does not verify DebugSession identities: {}; requesters count as unverified and no "
          + "approval counts", found.problem());
    }
    lastProblem = found.problem();
    return found;
  }

  private IdentityAdmission probe() {
    try {
      var admission = client.admissionRegistration().v1();
      return IdentityAdmission.of(
          admission.validatingAdmissionPolicies().withName(IdentityAdmission.POLICY).get(),
          admission.validatingAdmissionPolicyBindings().withName(IdentityAdmission.POLICY).get(),
          shippedValidations);
    } catch (KubernetesClientException e) {
      // 403 (no right to read them) or 404 (API not served, Kubernetes < 1.30): not provably enforced.
      return IdentityAdmission.notEnforced("the operator cannot read the identity admission policy (HTTP "
          + e.getCode() + ")");
    }
  }

  private static List<Validation> shippedValidations(KubernetesClient client) {
    try (InputStream in = IdentityPolicyProbe.class.getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED + " is not on the classpath: the build puts it there");
      }
      List<HasMetadata> documents = client.load(in).items();
      return documents.stream()
          .filter(ValidatingAdmissionPolicy.class::isInstance)
          .map(d -> ((ValidatingAdmissionPolicy) d).getSpec().getValidations())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(SHIPPED + " holds no ValidatingAdmissionPolicy"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
