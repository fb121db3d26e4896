package io.debugsession.operator.lifecycle;

/** How the debug container came to an end: the reason of the session's {@code Stopped} condition. */
public enum StopOutcome {
  /** Layer 1: the container's own deadline wrapper ended it. */
  DeadlineWrapper(true),
  /** Layer 2: the operator's TERM/KILL through pods/exec ended it. */
  OperatorSignal(true),
  /** It exited before anyone asked it to (the user left the shell, the command finished). */
  ExitedOnItsOwn(true),
  /** It never started; its wrapper refuses to start after the deadline. */
  NotStarted(true),
  /** It survived the operator's KILL; the kubelet stopped it when the pod was evicted. */
  PodEvicted(true),
  /** The pod, and the container with it, is gone. */
  PodGone(true),
  /** No debug container was ever added. */
  NeverInjected(true),
  /**
   * The reason of a Stopped=False condition while the kubelet reports the container running after KILL (the session
   * stays Active, retrying): reported, never hidden.
   */
  StopFailed(false);

  private final boolean stopped;

  StopOutcome(boolean stopped) {
    this.stopped = stopped;
  }

  /** Whether the debug container is known not to run any more. */
  public boolean stopped() {
    return stopped;
  }
}
