package io.debugsession.operator.testsupport;

/**
 * Plays the process a test's exec would have run in the container.
 *
 * <p>Runs on a worker thread of the fault proxy, after the real API server has authorised the exec and the websocket
 * is open, before any frame is sent, so it may use a KubernetesClient against the same server (e.g. to mark the
 * container terminated, the way the real process exit would show up in the pod status).
 *
 * <p>A handler that throws makes the proxy send a Failure Status without an exit code, which fabric8 turns into
 * exit code -1.
 */
@FunctionalInterface
public interface ExecHandler {

  /** Answers 127 with a note on stderr, so a test that forgot to install a handler sees why. */
  ExecHandler NONE = request -> ExecResult.exit(127, "",
      "fault proxy: no ExecHandler installed for " + request.command() + "\n");

  ExecResult exec(ExecRequest request) throws Exception;
}
