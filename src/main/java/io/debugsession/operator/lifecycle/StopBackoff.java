package io.debugsession.operator.lifecycle;

import java.time.Duration;

/**
 * How long to wait before sending SIGKILL again while the kubelet still reports the debug container running: the
 * first wait is the slack the kubelet gets to report an exit, each next one twice as long, up to a cap. A container
 * that survives KILL is someone working against the stop; retrying often adds nothing but load, never giving up keeps
 * the door closed as soon as whatever blocked the KILL goes away.
 */
final class StopBackoff {

  private StopBackoff() {}

  /** The wait after the {@code killsSent}-th SIGKILL (1 for the first): {@code first * 2^(killsSent-1)}, at most cap. */
  static Duration afterKill(int killsSent, Duration first, Duration cap) {
    if (killsSent < 1) {
      throw new IllegalArgumentException("killsSent must be at least 1, was " + killsSent);
    }
    Duration wait = first;
    for (int i = 1; i < killsSent && wait.compareTo(cap) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(cap) > 0 ? cap : wait;
  }
}
