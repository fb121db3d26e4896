package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster-scoped rules for the DebugSessions of the namespaces it governs: which images, profiles and TTLs they may
 * use, whether someone must approve them, how many debug containers a pod may accumulate and what happens at expiry.
 * Where several policies govern a namespace, the strictest value of each field wins.
 */
@Group(DebugSession.GROUP)
@Version(DebugSession.VERSION)
@ShortNames(DebugPolicy.SHORT_NAME)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@AdditionalPrinterColumn(name = "Max TTL", jsonPath = ".spec.ttl.max", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Approval", jsonPath = ".spec.approval.required", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "On Expiry", jsonPath = ".spec.onExpiry", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DebugPolicy extends CustomResource<DebugPolicySpec, Void> {

  public static final String SHORT_NAME = "dbgpol";

  // Overridden only to describe spec for `kubectl explain`.
  @Override
  @JsonPropertyDescription(
      "Which namespaces this policy governs and what it allows there. A field left out takes the built-in default's "
          + "value, so a policy never loosens what it does not mention.")
  public DebugPolicySpec getSpec() {
    return super.getSpec();
  }
}
