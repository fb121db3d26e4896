package io.debugsession.plugin;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A client for the cluster the options name, its namespace, and the kubectl flags that reach the same cluster as the
 * same user (for {@code kubectl attach}). Every call goes through {@link #call}, which turns the API server's
 * refusals into messages that say what to do.
 */
final class ClusterConnection implements AutoCloseable {

  private final KubernetesClient client;
  private final String namespace;
  private final List<String> kubectlFlags;
  private Identity identity;

  private ClusterConnection(KubernetesClient client, String namespace, List<String> kubectlFlags) {
    this.client = client;
    this.namespace = namespace;
    this.kubectlFlags = kubectlFlags;
  }

  static ClusterConnection open(KubeOptions options) {
    Config config = KubeconfigLocator.load(options.kubeconfig, options.context);
    // A command line fails fast: the client's default is to retry a refused connection for tens of seconds.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(10_000);
    String namespace = options.namespace != null ? options.namespace
        : config.getNamespace() != null ? config.getNamespace() : "default";
    List<String> flags = new ArrayList<>();
    if (options.kubeconfig != null) {
      flags.add("--kubeconfig=" + options.kubeconfig);
    }
    if (options.context != null) {
      flags.add("--context=" + options.context);
    }
    return new ClusterConnection(new KubernetesClientBuilder().withConfig(config).build(), namespace, flags);
  }

  KubernetesClient client() {
    return client;
  }

  String namespace() {
    return namespace;
  }

  /** {@code --kubeconfig} and {@code --context} as given, for a kubectl that must reach the same cluster. */
  List<String> kubectlFlags() {
    return kubectlFlags;
  }

  String server() {
    return client.getMasterUrl().toString();
  }

  /** Who the API server says we are (SelfSubjectReview), asked once. */
  Identity identity() {
    if (identity == null) {
      identity = call(KubeAction.of("create", "selfsubjectreviews.authentication.k8s.io", null),
          () -> WhoAmI.ask(client));
    }
    return identity;
  }

  /** Runs a request; a refusal becomes a {@link PluginException} that names {@code action}. */
  <T> T call(KubeAction action, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw new PluginException(KubeErrors.describe(e, action, server()));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
