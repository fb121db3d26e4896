package io.debugsession.operator.api.v1alpha1;

/** Where a session is in its life; the terminal phases never change again. */
public enum Phase {
  Pending,
  AwaitingApproval,
  Active,
  Expired,
  Ended,
  Failed,
  Denied;

  /** Policy, identity and approval are still being decided: nothing has been added to the pod yet. */
  public boolean isUndecided() {
    return this == Pending || this == AwaitingApproval;
  }

  public boolean isTerminal() {
    return this == Expired || this == Ended || this == Failed || this == Denied;
  }
}
