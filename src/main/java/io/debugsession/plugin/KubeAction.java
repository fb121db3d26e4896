package io.debugsession.plugin;

/**
 * What a request tries to do, as kubectl auth can-i says it, for error messages.
 *
 * @param verb e.g. create, get, list, patch
 * @param resource resource.group, e.g. debugsessions.debugsession.io, or pods
 * @param name the object's name, null for a list or a create
 * @param namespace null for cluster-scoped requests or all namespaces
 */
record KubeAction(String verb, String resource, String name, String namespace) {

  static KubeAction of(String verb, String resource, String namespace) {
    return new KubeAction(verb, resource, null, namespace);
  }

  static KubeAction named(String verb, String resource, String name, String namespace) {
    return new KubeAction(verb, resource, name, namespace);
  }

  /** "create debugsessions.debugsession.io in namespace shop", "get configmaps/x in namespace y". */
  String permission() {
    String what = name == null ? resource : resource + "/" + name;
    return verb + " " + what + (namespace == null ? "" : " in namespace " + namespace);
  }

  boolean isDebugSessionApi() {
    return resource.endsWith("." + Api.GROUP);
  }
}
