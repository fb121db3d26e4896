package io.debugsession.operator.lifecycle;

/**
 * Outcome of one layer-2 signal: how many of the debug container's own processes it reached, or why it could not be
 * sent (exec refused, container gone, no shell in the image...).
 */
public record SignalResult(Integer signalled, String error) {

  public static SignalResult delivered(int signalled) {
    return new SignalResult(signalled, null);
  }

  public static SignalResult failed(String error) {
    return new SignalResult(null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
