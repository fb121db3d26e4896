package io.debugsession.operator.testsupport.proxy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One armed fault: what the proxy does (answer instead of the server, lose the answer, hold it) to the next
 * {@code times} requests that match. Returned by the arming methods of {@link FaultProxy} so that a test can
 * check that its fault really fired, and did not pass unnoticed because the request never came.
 */
public final class Fault {

  private final RequestMatcher matcher;
  private final FaultAction action;
  private final AtomicInteger remaining;
  private final AtomicInteger fired = new AtomicInteger();

  Fault(RequestMatcher matcher, int times, FaultAction action) {
    if (times < 1) {
      throw new IllegalArgumentException("A fault must apply at least once: " + times);
    }
    this.matcher = matcher;
    this.action = action;
    this.remaining = new AtomicInteger(times);
  }

  public RequestMatcher matcher() {
    return matcher;
  }

  /** How many requests this fault was applied to. */
  public int fired() {
    return fired.get();
  }

  /** How many more matching requests it will apply to. */
  public int remaining() {
    return remaining.get();
  }

  /** Takes one use of the fault for a request, if it matches and has uses left. */
  boolean claim(String method, String path) {
    if (!matcher.matches(method, path) || remaining.getAndUpdate(n -> Math.max(n - 1, 0)) == 0) {
      return false;
    }
    fired.incrementAndGet();
    return true;
  }

  void apply(Exchange exchange) {
    action.apply(exchange);
  }

  @Override
  public String toString() {
    return "Fault[" + action + ", " + matcher.method() + ", fired " + fired + ", remaining " + remaining + "]";
  }
}
