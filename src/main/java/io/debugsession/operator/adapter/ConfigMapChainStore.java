package io.debugsession.operator.adapter;

import io.debugsession.operator.audit.chain.ChainState;
import io.debugsession.operator.audit.chain.ChainStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Keeps the audit chain's state in a ConfigMap in the operator's namespace. Every write carries the resourceVersion
 * read (a create carries none and fails if the ConfigMap appeared meanwhile), so two writers cannot both extend one
 * head: the loser gets 409 and chains after the winner.
 */
public final class ConfigMapChainStore implements ChainStore {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public ConfigMapChainStore(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  @Override
  public Stored load() {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      return new Stored(ChainState.genesis(), null);
    }
    return new Stored(ChainState.fromData(map.getData() == null ? java.util.Map.of() : map.getData()),
        map.getMetadata().getResourceVersion());
  }

  @Override
  public Stored save(Stored previous, ChainState next) {
    ConfigMap map = new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withResourceVersion(previous.version())
        .addToLabels("app.kubernetes.io/name", "debug-session-operator")
        .addToLabels("app.kubernetes.io/component", "audit-chain")
        .addToAnnotations("debugsession.io/description", "Head of the DebugSession audit hash chain and records not "
            + "yet delivered to the audit sinks. Do not edit: the operator refuses to go on over a damaged head.")
        .endMetadata()
        .withData(next.toData())
        .build();
    try {
      ConfigMap written = previous.version() == null
          ? client.configMaps().inNamespace(namespace).resource(map).create()
          : client.configMaps().inNamespace(namespace).resource(map).update();
      return new Stored(next, written.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new ConflictException(describe() + " changed since it was read", e);
      }
      throw e;
    }
  }

  @Override
  public String describe() {
    return "ConfigMap " + namespace + "/" + name;
  }
}
