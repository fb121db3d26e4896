package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The build's training run for the class-data sharing archive (pom.xml, README): loads what {@code --help} and
 * {@code list} load (help rendering, kubeconfig, the client and its JDK HTTP client, a request, JSON to sessions, the
 * table) without a cluster, so that the archive holds those classes ready-parsed. Hidden: not for users.
 */
@Command(name = "__cds-training", hidden = true)
final class CdsTrainingCommand implements Callable<Integer> {

  private static final String SESSIONS = """
      {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"debugsession.io/v1alpha1","kind":"DebugSession",
      "metadata":{"name":"s","namespace":"n","creationTimestamp":"2026-01-01T00:00:00Z"},
      "spec":{"target":{"pod":"p","container":"c"},"image":"busybox:1.37","reason":"r","requester":"u"},
      "status":{"phase":"Active","expiresAt":"2026-01-01T00:15:00Z","conditions":[{"type":"Injected",
      "status":"True","reason":"Injected","message":"m","lastTransitionTime":"2026-01-01T00:00:01Z"}]}}]}
      """;

  @Spec
  CommandSpec spec;

  private final PluginEnvironment env;

  CdsTrainingCommand(PluginEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    StringWriter sink = new StringWriter();
    CommandLine root = spec.root().commandLine();
    root.getSubcommands().values().forEach(c -> c.usage(new PrintWriter(sink)));
    root.usage(new PrintWriter(sink));
    KubernetesResourceList<?> list = new KubernetesSerialization().unmarshal(SESSIONS, KubernetesResourceList.class);
    sink.write(list.getItems().size());
    DebugSession session = new KubernetesSerialization().unmarshal(SESSIONS.substring(SESSIONS.indexOf("{\"api", 5),
        SESSIONS.lastIndexOf(']')), DebugSession.class);
    sink.write(SessionTable.render(java.util.List.of(session), false, false, Instant.now()));
    sink.write(SessionDescription.render(session, Instant.now()));
    Path kubeconfig = Files.createTempFile("kubectl-debugsession-training", ".kubeconfig");
    try {
      // A server nobody listens on: the request fails at once, after loading the client and its HTTP stack.
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: t, cluster: {server: "https://127.0.0.1:9"}}]
          users: [{name: t, user: {token: t}}]
          contexts: [{name: t, context: {cluster: t, user: t, namespace: n}}]
          current-context: t
          """);
      KubeOptions options = new KubeOptions();
      options.kubeconfig = kubeconfig.toString();
      try (ClusterConnection cluster = options.connect()) {
        new SessionClient(cluster).list(false);
      } catch (PluginException | KubernetesClientException expected) {
        sink.write(String.valueOf(expected.getMessage()));
      }
    } finally {
      Files.deleteIfExists(kubeconfig);
    }
    env.out().println("Class-data sharing training run done (" + sink.getBuffer().length() + " characters).");
    return 0;
  }
}
