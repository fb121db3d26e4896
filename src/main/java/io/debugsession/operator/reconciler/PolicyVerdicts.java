package io.debugsession.operator.reconciler;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.lifecycle.PolicyVerdict;

/** Works out what policy and identity say about a session, reading what it needs from the cluster. */
public interface PolicyVerdicts {

  PolicyVerdict verdictFor(DebugSession session);

  /** Whether the API server verifies DebugSession identities now (the identity admission policy is in force). */
  boolean identityVerified();
}
