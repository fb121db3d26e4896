package io.debugsession.operator.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The cluster the benchmark runs against: by default the test tier's own control plane, started for the run
 * ({@link TestTierTarget}); with {@code -Dbench.kubeconfig=PATH}, or {@code -Dbench.target=kubeconfig} and
 * {@code KUBECONFIG}, an existing cluster ({@link KubeconfigTarget}).
 */
abstract class BenchTarget implements AutoCloseable {

  /** The namespace of the operator's ServiceAccount and audit chain (config/default's). */
  static final String OPERATOR_NAMESPACE = "debugsession-system";

  private final String url;
  private final KubernetesClient admin;
  private final KubernetesClient requester;
  private final String namespace;

  BenchTarget(String url, KubernetesClient admin, KubernetesClient requester, String namespace) {
    this.url = url;
    this.admin = admin;
    this.requester = requester;
    this.namespace = namespace;
  }

  static BenchTarget fromSystemProperties() {
    String kubeconfig = System.getProperty("bench.kubeconfig");
    if (kubeconfig == null && "kubeconfig".equals(System.getProperty("bench.target"))) {
      kubeconfig = System.getenv("KUBECONFIG");
      if (kubeconfig == null) {
        throw new IllegalStateException("-Dbench.target=kubeconfig needs KUBECONFIG (or -Dbench.kubeconfig=PATH)");
      }
    }
    return kubeconfig == null ? TestTierTarget.start() : KubeconfigTarget.open(Path.of(kubeconfig));
  }

  /** What it is, for the report: e.g. "test tier control plane" or "kubeconfig /path (context x)". */
  abstract String describe();

  /** The API server's URL, which the counting proxy forwards to. */
  final String url() {
    return url;
  }

  abstract String apiServerVersion();

  /** Cluster admin, with requests long enough for deleting a thousand sessions. */
  final KubernetesClient admin() {
    return admin;
  }

  /** The person asking for sessions, as the API server knows them (the identity admission policy checks it). */
  final KubernetesClient requester() {
    return requester;
  }

  abstract String requesterName();

  /** The namespace the benchmark's pods and sessions live in, empty at the start. */
  final String namespace() {
    return namespace;
  }

  /** A fresh token of the operator's ServiceAccount. */
  abstract String operatorToken();

  /**
   * Whether pods run on real kubelets, which report the containers and serve execs: then the benchmark plays no
   * kubelet. Without (the test tier has no node) it writes what a kubelet would report.
   */
  abstract boolean realNodes();

  /** The target pod named {@code name}, as the benchmark creates it. */
  abstract Pod targetPod(String name);

  /** The debugger's image (must be pullable, or present, on a real node). */
  abstract String debugImage();

  /** Removes what the benchmark created that outlives it (the namespace). */
  @Override
  public void close() {
    requester.close();
    admin.close();
  }
}
