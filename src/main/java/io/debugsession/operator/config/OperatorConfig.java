package io.debugsession.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every knob of the operator, under the {@code debugsession} prefix (env: {@code DEBUGSESSION_...}). */
@ConfigMapping(prefix = "debugsession")
public interface OperatorConfig {

  /** TERM to KILL, in the container's own wrapper and in the operator's stop. */
  @WithDefault("10s")
  Duration stopGracePeriod();

  /** Extra wait after expiresAt + grace before the operator steps in, and after KILL before declaring failure. */
  @WithDefault("5s")
  Duration deadlineSlack();

  /** How often an Active session re-reads its pod (pods are read on demand, not cached cluster-wide). */
  @WithDefault("10s")
  Duration statusPollInterval();

  /** How long a session waits for its pod to exist and run before it fails. */
  @WithDefault("2m")
  Duration pendingTimeout();

  /** Under a StopAndEvict policy: how often to retry an eviction a PodDisruptionBudget blocked. */
  @WithDefault("30s")
  Duration evictionRetryInterval();

  /** Under a StopAndEvict policy: how long to keep retrying before recording the eviction as blocked. */
  @WithDefault("5m")
  Duration evictionTimeout();

  /** Upper bound on one exec into the debug container. */
  @WithDefault("30s")
  Duration execTimeout();

  /** Attempts to add the ephemeral container when the pod keeps changing under us (HTTP 409). */
  @WithDefault("5")
  int conflictRetries();

  /**
   * Patch status and finalizers by server-side apply (the default, and what java-operator-sdk recommends) or, when
   * false, by JSON merge patch for API servers or proxies without server-side apply.
   */
  @WithDefault("true")
  boolean serverSideApply();

  /** Install or update the DebugSession CRD at start (off in-cluster, where the operator has no CRD rights). */
  @WithDefault("true")
  boolean installCrd();

  /** How long to wait, after installing the CRD, for the API server to serve it. */
  @WithDefault("30s")
  Duration crdEstablishedTimeout();

  /**
   * Deny sessions whose requester the API server has not verified, i.e. when the debugsession-identity
   * ValidatingAdmissionPolicy is not installed. The Deployment turns it on; a laptop run may not have the policy.
   */
  @WithDefault("false")
  boolean requireVerifiedRequester();

  LeaderElection leaderElection();

  interface LeaderElection {
    @WithDefault("false")
    boolean enabled();

    /** Namespace of the lease; the operator's own namespace in-cluster. */
    Optional<String> namespace();

    @WithDefault("debug-session-operator")
    String leaseName();
  }
}
