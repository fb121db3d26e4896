package io.debugsession.operator.admission;

import io.debugsession.operator.api.v1alpha1.ApprovalDecision;
import io.debugsession.operator.api.v1alpha1.ApprovalSpec;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.testsupport.cluster.Refusal;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DebugSession, and the approval of it, as their users send them; sent as dry runs, answered with the server's
 * refusal (its Status message), if any.
 */
final class SessionRequests {

  static final String SESSION = "checkout-debug";

  private SessionRequests() {
  }

  /** The session {@value #SESSION} in {@code namespace}, naming {@code requester} (null: none). */
  static DebugSession session(String namespace, String requester) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("checkout-7d9f", "app"));
    spec.setImage("busybox:1.37");
    spec.setProfile(Profile.GENERAL);
    spec.setTtl("15m");
    spec.setReason("INC-4711 checkout pods leak memory");
    spec.setRequester(requester);
    DebugSession session = new DebugSession();
    session.setMetadata(new ObjectMetaBuilder().withName(SESSION).withNamespace(namespace).build());
    session.setSpec(spec);
    return session;
  }

  /** {@code session} with spec.approval set: {@code decision} by {@code approver}, naming {@code groups}. */
  static DebugSession withApproval(DebugSession session, ApprovalDecision decision, String approver,
      String... groups) {
    session.getSpec().setApproval(approval(decision, approver, groups));
    return session;
  }

  /** Why the server refuses {@code sender}'s create of {@code session} (a dry run); empty when it admits it. */
  static Optional<String> create(KubernetesClient sender, DebugSession session) {
    return Refusal.message(() -> sender.resource(session).dryRun().create());
  }

  /**
   * Why the server refuses {@code approver}'s patch (a dry run) that sets spec.approval of {@value #SESSION} in
   * {@code namespace} to {@code decision} by {@code approverName} (null: none), naming {@code groups}; empty when it
   * admits it. An approver patches: their role grants patch, not update.
   */
  static Optional<String> approve(KubernetesClient approver, String namespace, ApprovalDecision decision,
      String approverName, String... groups) {
    String patch = approver.getKubernetesSerialization()
        .asJson(Map.of("spec", Map.of("approval", approval(decision, approverName, groups))));
    return Refusal.message(() -> approver.resources(DebugSession.class).inNamespace(namespace).withName(SESSION)
        .dryRun().patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }

  /** What the API server answers when the ValidatingAdmissionPolicy {@code policy} refuses a write of a session. */
  static String refusal(String policy, String message) {
    return "debugsessions.debugsession.io \"" + SESSION + "\" is forbidden: ValidatingAdmissionPolicy '" + policy
        + "' with binding '" + policy + "' denied request: " + message;
  }

  private static ApprovalSpec approval(ApprovalDecision decision, String approver, String... groups) {
    return new ApprovalSpec(decision, approver, groups.length == 0 ? null : List.of(groups),
        "looked at the incident");
  }
}
