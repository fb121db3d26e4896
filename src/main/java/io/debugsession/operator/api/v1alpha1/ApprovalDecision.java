package io.debugsession.operator.api.v1alpha1;

/** An approver's answer. */
public enum ApprovalDecision {
  Approved,
  Denied
}
