package io.debugsession.operator.lifecycle;

/**
 * How the debug container came to an end: the reason of the session's {@code Stopped} condition. A session ends only
 * once the container is known not to run, so every outcome of a {@link Step.Finish} is a stop; {@link #StopFailed}
 * is only the reason of {@code Stopped=False} while a stop keeps failing.
 */
public enum StopOutcome {
  /** Layer 1: the container's own deadline wrapper ended it. */
  DeadlineWrapper,
  /** Layer 2: the operator's TERM/KILL through pods/exec ended it. */
  OperatorSignal,
  /** It exited before anyone asked it to (the user left the shell, the command finished). */
  ExitedOnItsOwn,
  /** It never started; its wrapper refuses to start after the deadline. */
  NotStarted,
  /** It survived the operator's KILL; the kubelet stopped it when the pod was evicted. */
  PodEvicted,
  /** The pod, and the container with it, is gone. */
  PodGone,
  /** No debug container was ever added. */
  NeverInjected,
  /**
   * The reason of a Stopped=False condition while the kubelet reports the container running after KILL (the session
   * stays Active, retrying): reported, never hidden.
   */
  StopFailed
}
