package io.debugsession.plugin;

import picocli.CommandLine.Option;

/** The cluster options every command that talks to the cluster takes, with kubectl's names. */
public final class KubeOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use.")
  String context;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "The namespace (default: the context's, else default).")
  String namespace;

  /** Connects as the kubeconfig says; nothing is sent until a command asks. */
  ClusterConnection connect() {
    return ClusterConnection.open(this);
  }
}
