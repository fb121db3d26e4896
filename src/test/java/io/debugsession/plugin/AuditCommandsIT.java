package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debugsession.operator.InProcessOperator;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.testsupport.cluster.RealCluster;
import io.debugsession.operator.testsupport.cluster.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit verify and audit head against the records and the chain head the operator really wrote. */
class AuditCommandsIT extends PluginTestBase {

  @TempDir
  Path dir;

  @Test
  void verifiesTheOperatorsLogAgainstTheHeadInTheClusterAndSaysWhereATamperedLogBreaks() throws Exception {
    List<String> log = List.copyOf(auditLines);
    Map<String, String> head = admin.configMaps().inNamespace(RealCluster.OPERATOR_NAMESPACE)
        .withName(InProcessOperator.CHAIN_CONFIG_MAP).get().getData();
    Path intact = Files.write(dir.resolve("audit.jsonl"), log);
    ObjectMapper json = new ObjectMapper();
    ObjectNode second = (ObjectNode) json.readTree(log.get(1));
    second.put("requester", "mallory");
    List<String> altered = new ArrayList<>(log);
    altered.set(1, json.writeValueAsString(second));
    Path tampered = Files.write(dir.resolve("tampered.jsonl"), altered);
    List<String> truncated = log.subList(0, log.size() - 1);

    PluginRun ok = plugin(TestUser.AUDITOR, "audit", "verify", intact.toString(), "--cluster-head");
    PluginRun broken = plugin(TestUser.AUDITOR, "audit", "verify", tampered.toString());
    PluginRun cut = plugin(TestUser.ADMIN, "", new PluginRun.RecordingRunner(0), "audit", "verify", "-",
        "--to-head", head.get("sequence") + ":" + head.get("hash"));
    PluginRun cutFromStdin = plugin(TestUser.ADMIN, String.join("\n", truncated), new PluginRun.RecordingRunner(0),
        "audit", "verify", "-", "--to-head", head.get("sequence") + ":" + head.get("hash"));

    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.out()).isEqualTo("OK: The chain is intact: " + log.size() + " records, up to sequence "
        + head.get("sequence") + " with hash " + head.get("hash") + ".\n");
    assertThat(broken.exit()).isEqualTo(1);
    String recordId = second.get("recordId").asText();
    String firstHash = json.readTree(log.get(0)).get("hash").asText();
    assertThat(broken.err()).matches("(?s)BROKEN: " + tampered + ", line 2, record 2 \\(recordId " + recordId
        + "\\): ALTERED\n  Record 2 \\(recordId " + recordId + ", line 2\\) was altered: its content hashes to "
        + "[0-9a-f]{64}, not to its recorded hash " + second.get("hash").asText() + "\\.\n"
        + "  Intact before it: 1 record, up to sequence 1 with hash " + firstHash + "\n");
    assertThat(cut.exit()).isEqualTo(1);
    assertThat(cut.err()).contains(": TRUNCATED\n");
    assertThat(cutFromStdin.exit()).isEqualTo(1);
    assertThat(cutFromStdin.err()).startsWith("BROKEN: stdin, line " + truncated.size() + ": TRUNCATED\n")
        .contains("The log stops after record " + truncated.size());
  }

  @Test
  void headPrintsTheChainHeadStoredInTheClusterToAuditorsAndOnlyThatConfigMap() {
    Map<String, String> head = admin.configMaps().inNamespace(RealCluster.OPERATOR_NAMESPACE)
        .withName(InProcessOperator.CHAIN_CONFIG_MAP).get().getData();

    PluginRun text = plugin(TestUser.AUDITOR, "audit", "head");
    PluginRun json = plugin(TestUser.AUDITOR, "audit", "head", "-o", "json");
    PluginRun otherConfigMap = plugin(TestUser.AUDITOR, "audit", "head", "--config-map", "kube-root-ca.crt");
    PluginRun mallory = plugin(TestUser.NOBODY, "audit", "head");

    assertThat(text.exit()).as(text.toString()).isZero();
    assertThat(text.out()).isEqualTo("sequence: " + head.get("sequence") + "\nhash:     " + head.get("hash")
        + "\nhead:     " + head.get("sequence") + ":" + head.get("hash") + "\n");
    assertThat(json.out()).isEqualTo("{\"sequence\":" + head.get("sequence") + ",\"hash\":\"" + head.get("hash")
        + "\"}\n");
    // config/rbac's debugsession-audit-chain-reader names the chain's ConfigMap: carol reads no other.
    assertThat(otherConfigMap.exit()).isEqualTo(1);
    assertThat(otherConfigMap.err()).isEqualTo("error: forbidden: you may not get configmaps/kube-root-ca.crt in "
        + "namespace debugsession-system (ask your cluster administrator for that permission); the API server said: "
        + "configmaps \"kube-root-ca.crt\" is forbidden: User \"carol\" cannot get resource \"configmaps\" in API "
        + "group \"\" in the namespace \"debugsession-system\"\n");
    assertThat(mallory.exit()).isEqualTo(1);
    assertThat(mallory.err()).isEqualTo("error: forbidden: you may not get configmaps/debugsession-audit-chain in "
        + "namespace debugsession-system (ask your cluster administrator for that permission, e.g. the Role "
        + "debugsession-audit-chain-reader of that namespace); the API server said: "
        + "configmaps \"debugsession-audit-chain\" is forbidden: User \"mallory\" cannot get resource "
        + "\"configmaps\" in API group \"\" in the namespace \"debugsession-system\"\n");
  }

  /**
   * The operator's audit log of one session from request to end, written once for both tests: they only read it
   * and the chain head, so nothing is emptied between them (this overrides the base class's per-test emptying).
   */
  @BeforeAll
  void oneFinishedSession() {
    super.emptyCluster();
    activeSession("audited");
    assertThat(plugin(TestUser.REQUESTER, "end", "audited", "-n", NS).exit()).isZero();
    awaitPhase("audited", Phase.Ended);
    eventually().until(() -> auditLines.stream().anyMatch(l -> l.contains("\"event\":\"ended\"")));
  }

  @Override
  void emptyCluster() {
  }
}
