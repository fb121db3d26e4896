package io.debugsession.plugin;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** {@code -o}: kubectl's names. {@code table} and {@code wide} are the command's own text. */
enum OutputFormat {
  table, wide, json, yaml;

  boolean isStructured() {
    return this == json || this == yaml;
  }

  String write(Object object) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    return this == json ? Json.pretty(serialization.asJson(object)) + "\n" : serialization.asYaml(object);
  }

  /** A list as kubectl prints one: {@code kind: List} with the items. */
  String write(List<? extends HasMetadata> objects) {
    KubernetesList list = new KubernetesList(); // not its builder: it wants a builder for every item's class
    list.setItems(List.copyOf(objects));
    return write(list);
  }
}
