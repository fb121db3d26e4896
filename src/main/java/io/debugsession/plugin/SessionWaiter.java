package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Looks at a session until it is what the caller waits for, telling {@code onChange} each time its phase or
 * message changes, for at most a timeout. Polling, not a watch: one GET every interval is what a requester's RBAC
 * allows everywhere, and a command line waits seconds, not hours.
 */
final class SessionWaiter {

  private final SessionClient sessions;
  private final Duration interval;

  SessionWaiter(SessionClient sessions, Duration interval) {
    this.sessions = sessions;
    this.interval = interval;
  }

  /** The session once {@code done} holds; throws a {@link PluginException} naming {@code waitingFor} on timeout. */
  DebugSession await(String name, Predicate<DebugSession> done, Duration timeout, String waitingFor,
      Consumer<DebugSession> onChange) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String seen = null;
    while (true) {
      DebugSession session = sessions.get(name);
      String now = phase(session) + "|" + (session.getStatus() == null ? "" : session.getStatus().getMessage());
      if (!now.equals(seen)) {
        seen = now;
        onChange.accept(session);
      }
      if (done.test(session)) {
        return session;
      }
      if (System.nanoTime() > deadline) {
        throw new PluginException("timed out after " + HumanTime.duration(timeout) + " waiting for " + waitingFor
            + " (debugsession \"" + name + "\" is " + phase(session) + ")");
      }
      sleep();
    }
  }

  static Phase phase(DebugSession session) {
    return session.getStatus() == null || session.getStatus().getPhase() == null ? Phase.Pending
        : session.getStatus().getPhase();
  }

  static boolean debuggerRunning(DebugSession session) {
    return session.getStatus() != null && session.getStatus().getDebugContainer() != null
        && "Running".equals(session.getStatus().getDebugContainer().getState());
  }

  private void sleep() {
    try {
      Thread.sleep(interval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginException("interrupted while waiting");
    }
  }
}
