package io.debugsession.plugin;

import io.debugsession.operator.audit.record.ChainHead;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;

/**
 * The audit chain's head as the operator keeps it in its ConfigMap ({@code sequence} and {@code hash} in its data),
 * and as users type one ({@code SEQUENCE:HASH}).
 */
final class ChainHeads {

  static final String DEFAULT_NAMESPACE = "debugsession-system";
  static final String DEFAULT_CONFIG_MAP = "debugsession-audit-chain";

  private ChainHeads() {}

  static ChainHead read(ClusterConnection cluster, String namespace, String configMap) {
    ConfigMap map = cluster.call(KubeAction.named("get", "configmaps", configMap, namespace),
        () -> cluster.client().configMaps().inNamespace(namespace).withName(configMap).get());
    if (map == null) {
      throw new PluginException("no audit chain head: ConfigMap " + namespace + "/" + configMap + " does not exist "
          + "(the operator has recorded nothing yet, or runs elsewhere: see --operator-namespace)");
    }
    try {
      return ChainHead.fromMap(map.getData() == null ? Map.of() : map.getData());
    } catch (IllegalArgumentException e) {
      throw new PluginException("the audit chain head in ConfigMap " + namespace + "/" + configMap
          + " is damaged: " + e.getMessage());
    }
  }

  /** {@code 12:9f86...} */
  static ChainHead parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new PluginException("a chain head is SEQUENCE:HASH, e.g. 12:9f86d08..., not \"" + text + "\"");
    }
    try {
      return ChainHead.fromMap(Map.of(ChainHead.SEQUENCE_KEY, text.substring(0, colon),
          ChainHead.HASH_KEY, text.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new PluginException("not a chain head: " + e.getMessage());
    }
  }

  static String format(ChainHead head) {
    return head.sequence() + ":" + head.hash();
  }
}
