package io.debugsession.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.proxy.ProxiedRequest;
import io.debugsession.operator.testsupport.RbacVerbs;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.FileInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator's ClusterRole, and the Role for its audit chain, against what its code really sends. The operator runs
 * under its own ServiceAccount, bound only by what {@code config/rbac} holds, on a real API server that authorises
 * every request: a full run (policy, injection, container following, layer-2 stop, eviction, retention, deletion,
 * audit chain) must meet no 403, and every granted verb must have been used or be listed below with the reason it is
 * needed although this run cannot show it.
 */
class OperatorRbacIT extends OperatorTestBase {

  private static final Duration RETENTION = Duration.ofHours(1);

  /** Granted though this run cannot send it, each with why. */
  private static final Set<RbacVerbs.Rule> NEEDED_BEYOND_THIS_RUN = Set.of(
      // Kubernetes >= 1.35 also authorises a WebSocket exec upgrade as "create" (the request itself is a GET);
      // the test server is 1.34.
      RbacVerbs.Rule.core("pods/exec", "create"),
      // Checked by the OwnerReferencesPermissionEnforcement admission plugin (off by default, on in OpenShift),
      // never sent by the client.
      new RbacVerbs.Rule("debugsession.io", "debugsessions/finalizers", "update"));

  @Test
  void clusterRoleGrantsExactlyWhatTheOperatorUses() throws Exception {
    createPolicy("shop-evict", "namespaces: [shop]\nonExpiry: StopAndEvict\n");
    activeRunningSession("dbg-1");
    passDeadline("dbg-1", Duration.ofSeconds(4)); // layer 2: exec TERM, then the eviction
    awaitPhase("dbg-1", Phase.Expired);
    clock.advance(RETENTION.plusSeconds(1));
    restartOperator(); // looks at the finished session again: its retention has passed, so it is deleted
    eventually().until(() -> session("dbg-1") == null);
    kubelet.finishTermination(NS, POD); // the evicted pod goes, then its controller's new one comes
    activeRunningSession("dbg-2"); // this session is deleted while Active
    client.resource(session("dbg-2")).delete();
    eventually().until(() -> session("dbg-2") == null);

    List<ProxiedRequest> sent = proxy.requests();
    assertThat(sent).as("requests the API server refused the operator (403)")
        .filteredOn(r -> r.status() == 403).isEmpty();
    Set<RbacVerbs.Rule> used = sent.stream()
        .map(ProxiedRequest::rbac).flatMap(java.util.Optional::stream)
        .collect(Collectors.toSet());
    Set<RbacVerbs.Rule> granted = grantedBy("config/rbac/role.yaml");
    // A Role: it holds in the operator's namespace only, where all of the operator's ConfigMap requests go.
    granted.addAll(grantedBy("config/rbac/audit_chain_role.yaml"));
    assertThat(sent.stream().filter(r -> r.path().contains("/configmaps")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path()).startsWith("/api/v1/namespaces/" + OPERATOR_NS + "/configmaps"));

    assertThat(granted).as("verbs the operator used but its ClusterRole does not grant")
        .containsAll(used);
    Set<RbacVerbs.Rule> unused = new HashSet<>(granted);
    unused.removeAll(used);
    unused.removeAll(NEEDED_BEYOND_THIS_RUN);
    assertThat(unused).as("verbs the ClusterRole grants but the operator never used").isEmpty();
  }

  @Override
  InProcessOperator.Audit auditing() {
    return new InProcessOperator.Audit(OPERATOR_NS, auditLines::add, Optional.empty(), RETENTION);
  }

  private static Set<RbacVerbs.Rule> grantedBy(String file) throws Exception {
    try (InputStream in = new FileInputStream(file)) {
      // A Role and a ClusterRole have the same rules; resourceNames narrow a rule, which this check ignores.
      ClusterRole role = new KubernetesSerialization().unmarshal(in, ClusterRole.class);
      Set<RbacVerbs.Rule> rules = new HashSet<>();
      role.getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource ->
          rule.getVerbs().forEach(verb -> rules.add(new RbacVerbs.Rule(group, resource, verb))))));
      return rules;
    }
  }
}
