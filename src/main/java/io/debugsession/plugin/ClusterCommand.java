package io.debugsession.plugin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that talks to the cluster: it takes kubectl's cluster options and runs with one connection. */
abstract class ClusterCommand implements Callable<Integer> {

  @Mixin
  KubeOptions kube = new KubeOptions();

  final PluginEnvironment env;

  ClusterCommand(PluginEnvironment env) {
    this.env = env;
  }

  @Override
  public final Integer call() {
    try (ClusterConnection cluster = kube.connect()) {
      return run(cluster);
    }
  }

  abstract int run(ClusterConnection cluster);
}
