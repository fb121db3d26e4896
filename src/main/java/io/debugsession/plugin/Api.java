package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;

/** The names of the debugsession.io API as users type them. */
final class Api {

  static final String GROUP = DebugSession.GROUP;
  static final String SESSIONS = "debugsessions." + GROUP;
  static final String POLICIES = "debugpolicies." + GROUP;
  /** What to run when the CRDs are missing. */
  static final String INSTALL_HINT = "install the operator (kubectl apply -k config/default, from a checkout of "
      + "debug-session-operator) or at least its CRDs (kubectl apply -k config/crd)";

  private Api() {}
}
