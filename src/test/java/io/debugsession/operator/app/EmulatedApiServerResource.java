package io.debugsession.operator.app;

import io.debugsession.operator.testsupport.EmulatedKubeApiServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the Quarkus application's Kubernetes client at an emulated API server for the whole test class. */
public class EmulatedApiServerResource implements QuarkusTestResourceLifecycleManager {

  static EmulatedKubeApiServer api;

  @Override
  public Map<String, String> start() {
    api = EmulatedKubeApiServer.start();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", api.url(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", "test",
        "debugsession.install-crd", "true",
        // the mock never sets a CRD's Established condition (a real API server does within a second)
        "debugsession.crd-established-timeout", "1s",
        // the fabric8 mock answers server-side apply with 415; a real API server takes both
        "debugsession.server-side-apply", "false",
        "debugsession.status-poll-interval", "1s");
  }

  @Override
  public void stop() {
    if (api != null) {
      api.close();
    }
  }
}
