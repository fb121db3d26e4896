package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Comparator;
import java.util.List;

/** DebugSessions, read and written as the user, with refusals turned into messages by the connection. */
final class SessionClient {

  private final ClusterConnection cluster;

  SessionClient(ClusterConnection cluster) {
    this.cluster = cluster;
  }

  DebugSession get(String name) {
    String ns = cluster.namespace();
    DebugSession session = cluster.call(KubeAction.named("get", Api.SESSIONS, name, ns),
        () -> sessions().inNamespace(ns).withName(name).get());
    if (session == null) {
      // The client answers a 404 with null, for a missing session and for a missing resource type alike.
      boolean installed = cluster.call(KubeAction.of("get", "apis/" + DebugSession.GROUP, null),
          () -> cluster.client().supports(DebugSession.class));
      throw new PluginException(installed ? "debugsession \"" + name + "\" not found in namespace " + ns
          : KubeErrors.notInstalled(Api.SESSIONS));
    }
    return session;
  }

  /** The sessions of the namespace, or of every namespace, oldest first. */
  List<DebugSession> list(boolean allNamespaces) {
    String ns = allNamespaces ? null : cluster.namespace();
    List<DebugSession> items = cluster.call(KubeAction.of("list", Api.SESSIONS, ns),
        () -> ns == null ? sessions().inAnyNamespace().list().getItems() : sessions().inNamespace(ns).list().getItems());
    return items.stream().sorted(Comparator.comparing((DebugSession s) -> s.getMetadata().getNamespace())
        .thenComparing(s -> s.getMetadata().getCreationTimestamp())).toList();
  }

  DebugSession create(DebugSession session) {
    String ns = cluster.namespace();
    session.getMetadata().setNamespace(ns);
    return cluster.call(KubeAction.of("create", Api.SESSIONS, ns),
        () -> sessions().inNamespace(ns).resource(session).create());
  }

  /** A JSON merge patch of one session, as {@code kubectl patch --type=merge} sends it. */
  DebugSession mergePatch(String name, String json) {
    String ns = cluster.namespace();
    return cluster.call(KubeAction.named("patch", Api.SESSIONS, name, ns),
        () -> session(name).patch(PatchContext.of(PatchType.JSON_MERGE), json));
  }

  private Resource<DebugSession> session(String name) {
    return sessions().inNamespace(cluster.namespace()).withName(name);
  }

  private MixedOperation<DebugSession, KubernetesResourceList<DebugSession>, Resource<DebugSession>> sessions() {
    return cluster.client().resources(DebugSession.class);
  }
}
