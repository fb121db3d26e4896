package io.debugsession.plugin;

import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the kubeconfig as kubectl does ({@code --kubeconfig}, else {@code $KUBECONFIG}, else {@code ~/.kube/config})
 * and says plainly when there is none or it lacks the context asked for, instead of letting the client fall back to
 * an in-cluster address that does not answer.
 */
final class KubeconfigLocator {

  static final String NO_CLUSTER = "no cluster configured: no kubeconfig found (KUBECONFIG is not set and "
      + "~/.kube/config does not exist); pass --kubeconfig FILE, set KUBECONFIG, or run kubectl config set-cluster";

  private KubeconfigLocator() {}

  static Config load(String kubeconfigFlag, String context) {
    if (kubeconfigFlag != null) {
      Path file = Path.of(kubeconfigFlag);
      if (!Files.isRegularFile(file)) {
        throw new PluginException("kubeconfig " + kubeconfigFlag + " not found (--kubeconfig)");
      }
      return fromFile(file, context);
    }
    String env = System.getenv("KUBECONFIG");
    List<Path> candidates = env != null && !env.isBlank()
        ? Arrays.stream(env.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList()
        : List.of(Path.of(System.getProperty("user.home"), ".kube", "config"));
    Path first = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    if (first == null) {
      if (env != null && !env.isBlank()) {
        throw new PluginException("no cluster configured: KUBECONFIG names " + env + ", which does not exist");
      }
      throw new PluginException(NO_CLUSTER);
    }
    // The client merges the files of $KUBECONFIG as kubectl does.
    return checked(() -> Config.autoConfigure(context), first, context);
  }

  private static Config fromFile(Path file, String context) {
    return checked(() -> {
      try {
        return Config.fromKubeconfig(context, Files.readString(file), file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("could not read kubeconfig " + file, e);
      }
    }, file, context);
  }

  private static Config checked(java.util.function.Supplier<Config> load, Path file, String context) {
    try {
      Config config = load.get();
      if (context != null && (config.getCurrentContext() == null
          || !context.equals(config.getCurrentContext().getName()))) {
        throw new PluginException("context \"" + context + "\" not found in kubeconfig " + file + " (contexts: "
            + String.join(", ", config.getContexts().stream().map(c -> c.getName()).toList()) + ")");
      }
      return config;
    } catch (RuntimeException e) {
      if (e instanceof PluginException) {
        throw e;
      }
      throw new PluginException("kubeconfig " + file + " is not usable: " + e.getMessage());
    }
  }
}
