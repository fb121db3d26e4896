package io.debugsession.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

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

  /**
   * How long a finished session (Expired, Ended, Failed, Denied) is kept after it ended before the operator deletes
   * it, writing a retention-deleted record first. 0s keeps finished sessions forever.
   */
  @WithDefault("168h")
  Duration retention();

  /**
   * The namespaces whose DebugSessions this operator reconciles; unset, all of them. The ClusterRole is the same
   * either way.
   */
  Optional<Set<String>> namespaces();

  /**
   * A reconcile running longer than this makes the operator not live (/q/health/live), so that the kubelet restarts
   * it and, if it led, another replica takes over. Every call a reconcile makes is bounded well below it.
   */
  @WithDefault("5m")
  Duration stuckReconcileTimeout();

  Audit audit();

  LeaderElection leaderElection();

  interface Audit {
    /** Namespace of the chain's ConfigMap; by default the client's (in a cluster: the operator's own). */
    Optional<String> namespace();

    /** The ConfigMap holding the chain's head and the records not yet delivered. */
    @WithDefault("debugsession-audit-chain")
    String chainConfigMap();

    Http http();

    interface Http {
      /** The receiver's URL; without one there is no HTTP sink (the log and Events still carry every record). */
      Optional<URI> url();

      /** The disk spool; on a persistent volume, or records not yet delivered are lost with the pod. */
      @WithDefault("/var/spool/debugsession-audit")
      Path spoolDirectory();

      /** The spool's size; when full, new sessions are denied (AuditUnavailable). */
      @WithDefault("67108864")
      long spoolCapacityBytes();

      /** A file holding the bearer token, read before each request (a missing file sends none). */
      Optional<Path> bearerTokenFile();

      @WithDefault("100")
      int batchSize();
    }
  }

  interface LeaderElection {
    @WithDefault("false")
    boolean enabled();

    /** Namespace of the lease; the operator's own namespace in-cluster. */
    Optional<String> namespace();

    @WithDefault("debug-session-operator")
    String leaseName();

    /** How long a Lease not renewed keeps its holder the leader: the longest a handover waits. */
    @WithDefault("15s")
    Duration leaseDuration();

    /** How long the leader keeps trying to renew before it gives up leading (and exits). */
    @WithDefault("10s")
    Duration renewDeadline();

    /** How often a replica tries to acquire or renew the Lease. */
    @WithDefault("2s")
    Duration retryPeriod();
  }
}
