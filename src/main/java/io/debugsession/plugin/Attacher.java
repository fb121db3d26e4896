package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches the user's terminal to a session's debugger with the real {@code kubectl attach -it}: the attach is
 * authorised as the user (pods/attach), exactly as when they type it, and kubectl handles the terminal.
 */
final class Attacher {

  private final ClusterConnection cluster;
  private final SessionWaiter waiter;
  private final PluginEnvironment env;

  Attacher(ClusterConnection cluster, SessionWaiter waiter, PluginEnvironment env) {
    this.cluster = cluster;
    this.waiter = waiter;
    this.env = env;
  }

  /** Waits until the debugger runs, prints where the application's files are, and runs kubectl attach. */
  int attach(DebugSession session, Duration timeout) {
    String name = session.getMetadata().getName();
    requireActive(session);
    if (!SessionWaiter.debuggerRunning(session)) {
      env.out().println("Waiting for the debug container to start...");
      session = waiter.await(name, s -> SessionWaiter.debuggerRunning(s) || SessionWaiter.phase(s) != Phase.Active,
          timeout, "the debug container to run", s -> {});
      requireActive(session);
    }
    DebugSessionStatus status = session.getStatus();
    PrintWriter out = env.out();
    out.println("Attaching to debug container " + status.getContainerName() + " in pod " + status.getPodName()
        + " (namespace " + cluster.namespace() + ").");
    out.println("The application's files are under /proc/1/root: the debugger shares the target container's "
        + "process namespace (a distroless image has no shell of its own).");
    out.println("The session ends " + HumanTime.relative(status.getExpiresAt(), Instant.now(env.clock()))
        + " (at " + status.getExpiresAt() + "); end it sooner with: kubectl debugsession end " + name + " -n "
        + cluster.namespace());
    out.flush();
    int exit = env.commands().run(command(status));
    if (exit != 0) {
      throw new PluginException("kubectl attach exited with code " + exit);
    }
    return 0;
  }

  /** {@code kubectl attach -it -n NS POD -c CONTAINER}, with the kubeconfig and context this command was given. */
  List<String> command(DebugSessionStatus status) {
    List<String> command = new ArrayList<>(List.of("kubectl", "attach", "-it", "-n", cluster.namespace(),
        status.getPodName(), "-c", status.getContainerName()));
    command.addAll(cluster.kubectlFlags());
    return command;
  }

  private static void requireActive(DebugSession session) {
    Phase phase = SessionWaiter.phase(session);
    if (phase != Phase.Active) {
      String message = session.getStatus() == null ? null : session.getStatus().getMessage();
      throw new PluginException("debugsession \"" + session.getMetadata().getName() + "\" is " + phase
          + ", not Active: there is no debugger to attach to" + (message == null ? "" : " (" + message + ")"));
    }
  }
}
