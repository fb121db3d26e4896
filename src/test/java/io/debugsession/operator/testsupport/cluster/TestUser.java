package io.debugsession.operator.testsupport.cluster;

import java.util.List;

/**
 * The people the tests act as, authenticated by the real API server through its static token file. Their rights
 * come only from RBAC objects the tests create (except {@link #ADMIN}, in {@code system:masters}).
 */
public enum TestUser {
  /** A cluster administrator: sets up namespaces, pods and policies, and plays the kubelet's status writes. */
  ADMIN("admin", List.of("system:masters")),
  /** An SRE who asks for debug sessions. */
  REQUESTER("alice", List.of("sre")),
  /** An SRE lead who approves or denies them. */
  APPROVER("bob", List.of("sre-leads")),
  /**
   * Reads sessions, policies and events, cluster-wide, and the audit chain's head: in the group that
   * config/rbac/examples binds to the auditor roles.
   */
  AUDITOR("carol", List.of("security-auditors")),
  /** Authenticated, with no role at all. */
  NOBODY("mallory", List.of());

  private final String userName;
  private final List<String> groups;

  TestUser(String userName, List<String> groups) {
    this.userName = userName;
    this.groups = groups;
  }

  public String userName() {
    return userName;
  }

  public List<String> groups() {
    return groups;
  }

  /** The bearer token the API server maps to this user (test credentials, valid only for the test server). */
  String token() {
    return "token-" + userName;
  }

  /** This user's line of kube-apiserver's {@code --token-auth-file}: token,user,uid,"group1,group2". */
  String tokenFileLine() {
    return token() + "," + userName + ",uid-" + userName + ",\"" + String.join(",", groups) + "\"";
  }
}
