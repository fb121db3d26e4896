package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A request for one time-bounded ephemeral debug container next to one container of one pod.
 */
@Group(DebugSession.GROUP)
@Version(DebugSession.VERSION)
@ShortNames(DebugSession.SHORT_NAME)
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Pod", jsonPath = ".spec.target.pod", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Container", jsonPath = ".status.containerName", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
// A string, not a date: kubectl prints date columns as an age, and a time in the future as <invalid>.
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".status.expiresAt", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class DebugSession extends CustomResource<DebugSessionSpec, DebugSessionStatus> implements Namespaced {

  public static final String GROUP = "debugsession.io";
  public static final String VERSION = "v1alpha1";
  public static final String SHORT_NAME = "dbg";
  public static final String FINALIZER = GROUP + "/stop-debug-container";

  // Overridden only to describe spec and status for `kubectl explain`.
  @Override
  @JsonPropertyDescription("What the SRE asks for: target, image, profile, TTL and reason; fixed at creation but for end.")
  public DebugSessionSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription("What the operator observed and did: phase, deadlines, the debug container and how it ended.")
  public DebugSessionStatus getStatus() {
    return super.getStatus();
  }
}
