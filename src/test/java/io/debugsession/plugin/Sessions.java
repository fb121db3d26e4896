package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Sessions as the API server returns them, for the formatting tests. */
final class Sessions {

  static final String CREATED = "2026-12-01T10:00:00Z";

  private Sessions() {}

  static DebugSession active(String name) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("checkout", "app"));
    spec.setImage("busybox:1.37");
    spec.setReason("INC-1");
    spec.setRequester("alice");
    DebugSessionStatus status = new DebugSessionStatus();
    status.setPhase(Phase.Active);
    status.setRequester("alice");
    status.setPodName("checkout");
    status.setContainerName("debug-" + name);
    status.setStartedAt("2026-12-01T10:00:02Z");
    status.setExpiresAt("2026-12-01T10:15:02Z");
    status.setMessage("Added debug container");
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("payments")
        .withCreationTimestamp(CREATED).build());
    session.setSpec(spec);
    session.setStatus(status);
    return session;
  }
}
