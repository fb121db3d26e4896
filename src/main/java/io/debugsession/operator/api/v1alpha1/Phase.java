package io.debugsession.operator.api.v1alpha1;

/** Where a session is in its life; the terminal phases never change again. */
public enum Phase {
  Pending,
  Active,
  Expired,
  Ended,
  Failed;

  public boolean isTerminal() {
    return this == Expired || this == Ended || this == Failed;
  }
}
