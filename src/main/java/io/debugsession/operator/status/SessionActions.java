package io.debugsession.operator.status;

import io.debugsession.operator.lifecycle.EvictionResult;
import io.debugsession.operator.lifecycle.InjectionResult;
import io.debugsession.operator.lifecycle.Signal;
import io.debugsession.operator.lifecycle.SignalResult;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import java.time.Instant;

/**
 * What a step may ask of the cluster, for one session in one pass: the reconciler binds it to the adapters, and the
 * lifecycle's tests to stubs, so that {@link StepApplier} stays the one place that says what each step does.
 */
public interface SessionActions {

  /** Adds {@code container} to the session's pod, if it is still the pod of uid {@code podUid}. */
  InjectionResult inject(String podUid, EphemeralContainer container);

  /** Sends {@code signal} to the debug container's own processes. */
  SignalResult signal(Signal signal);

  /** Evicts the session's pod at expiry (a StopAndEvict policy). */
  EvictionResult evictAtExpiry();

  /** Evicts the session's pod because its debug container survived SIGKILL. */
  EvictionResult evictAfterStopFailure();

  /** The time now: a signal is recorded as sent when the exec returned, not when the pass began. */
  Instant now();
}
