package io.debugsession.operator.adapter;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates the DebugSession and DebugPolicy CRDs from the copies generated at build time, for the quick start against a
 * laptop's kubeconfig. Without the right to do so it says so and goes on: the CRD may have been installed by an admin.
 */
public class CrdInstaller {

  /** The operator's CRDs, as the build copies them from crds/. */
  static final List<String> CRD_RESOURCES = List.of(
      "/META-INF/fabric8/debugsessions.debugsession.io-v1.yml",
      "/META-INF/fabric8/debugpolicies.debugsession.io-v1.yml");
  private static final Logger LOG = LoggerFactory.getLogger(CrdInstaller.class);

  private final KubernetesClient client;
  private final Duration establishedTimeout;

  public CrdInstaller(KubernetesClient client, Duration establishedTimeout) {
    this.client = client;
    this.establishedTimeout = establishedTimeout;
  }

  public void installCrds() {
    CRD_RESOURCES.forEach(resource -> install(load(resource)));
  }

  private void install(CustomResourceDefinition crd) {
    String name = crd.getMetadata().getName();
    try {
      CustomResourceDefinition existing = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
      if (existing == null) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        LOG.info("Installed CRD {}", name);
      } else {
        crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.apiextensions().v1().customResourceDefinitions().resource(crd).update();
        LOG.info("Updated CRD {}", name);
      }
      awaitEstablished(name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      LOG.warn("Not allowed to install or update CRD {} ({}); using the one installed, if any", name,
          e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
    }
  }

  /** Informers started before the API server serves the new resource fail; wait for it to say it does. */
  private void awaitEstablished(String name) {
    try {
      client.apiextensions().v1().customResourceDefinitions().withName(name)
          .waitUntilCondition(CrdInstaller::isEstablished, establishedTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (KubernetesClientException e) {
      LOG.warn("CRD {} not reported Established within {}s; starting anyway", name, establishedTimeout.toSeconds());
    }
  }

  private static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private CustomResourceDefinition load(String resource) {
    try (InputStream in = CrdInstaller.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("CRD " + resource + " missing from the classpath; the build copies it");
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }
}
