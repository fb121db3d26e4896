package io.debugsession.operator.lifecycle;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.StopStatus;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.container.DebugContainerName;
import io.fabric8.kubernetes.api.model.Container;
import io.debugsession.operator.api.v1alpha1.EvictionStatus;
import io.debugsession.operator.api.v1alpha1.OnExpiry;
import io.debugsession.operator.api.v1alpha1.OnStopFailure;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sessions and pods as the planner and the transitions see them, built with fabric8 builders. */
public final class SessionFixtures {

  static final String NAMESPACE = "shop";
  static final String SESSION_NAME = "checkout-debug";
  static final String SESSION_UID = "5f0c2f8e-2b1d-4c39-9a57-0d4f3c1e9b10";
  public static final long GENERATION = 3L;
  static final String POD_NAME = "checkout-7d9f";
  public static final String POD_UID = "a1b2c3d4-0000-4000-8000-000000000001";
  static final String IMAGE = "busybox:1.37";
  public static final String IMAGE_ID = "docker.io/library/busybox@sha256:37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f";
  static final Instant CREATED = Instant.parse("2030-05-01T10:00:00Z");
  /** Deliberately not on a whole second, so that truncation shows. */
  public static final Instant NOW = Instant.parse("2030-05-01T10:00:30.250Z");
  public static final Instant EXPIRES_AT = Instant.parse("2030-05-01T10:15:30Z");

  /** The operator's shipped defaults (OperatorConfig). */
  static final Timing TIMING = new Timing(
      Duration.ofMinutes(15), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofMinutes(2));

  private SessionFixtures() {}

  public static String containerName() {
    return DebugContainerName.of(SESSION_NAME, SESSION_UID);
  }

  public static SessionFixture session() {
    return new SessionFixture();
  }

  static PodFixture pod() {
    return new PodFixture();
  }

  static ContainerState running() {
    return new ContainerStateBuilder().withNewRunning().withStartedAt(CREATED.toString()).endRunning().build();
  }

  static ContainerState waiting(String reason) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).endWaiting().build();
  }

  static ContainerState terminated(int exitCode, String reason, Instant finishedAt) {
    return new ContainerStateBuilder().withNewTerminated()
        .withExitCode(exitCode).withReason(reason).withFinishedAt(finishedAt.toString())
        .endTerminated().build();
  }

  public static ContainerView runningView() {
    return new ContainerView(ContainerView.State.Running, null, null, IMAGE_ID, null);
  }

  public static final class SessionFixture {
    private String name = SESSION_NAME;
    private String uid = SESSION_UID;
    private long generation = GENERATION;
    private Instant created = CREATED;
    private Instant deletion;
    private final DebugSessionSpec spec = new DebugSessionSpec();
    private DebugSessionStatus status;

    private SessionFixture() {
      spec.setTarget(new TargetSpec(POD_NAME, "app"));
      spec.setImage(IMAGE);
      spec.setReason("INC-4711 checkout latency");
    }

    public SessionFixture name(String name) {
      this.name = name;
      return this;
    }

    public SessionFixture uid(String uid) {
      this.uid = uid;
      return this;
    }

    public SessionFixture generation(long generation) {
      this.generation = generation;
      return this;
    }

    public SessionFixture createdAt(Instant created) {
      this.created = created;
      return this;
    }

    public SessionFixture deleting() {
      this.deletion = NOW;
      return this;
    }

    public SessionFixture targetContainer(String container) {
      spec.getTarget().setContainer(container);
      return this;
    }

    public SessionFixture ttl(String ttl) {
      spec.setTtl(ttl);
      return this;
    }

    public SessionFixture profile(Profile profile) {
      spec.setProfile(profile);
      return this;
    }

    public SessionFixture command(String... command) {
      spec.setCommand(Arrays.asList(command));
      return this;
    }

    public SessionFixture args(String... args) {
      spec.setArgs(Arrays.asList(args));
      return this;
    }

    public SessionFixture endRequested() {
      spec.setEnd(true);
      return this;
    }

    public SessionFixture phase(Phase phase) {
      status().setPhase(phase);
      return this;
    }

    public SessionFixture message(String message) {
      status().setMessage(message);
      return this;
    }

    /** Active on {@link #POD_NAME} ({@link #POD_UID}), debug container seen Running, until {@code expiresAt}. */
    public SessionFixture active(Instant expiresAt) {
      DebugSessionStatus s = status();
      s.setPhase(Phase.Active);
      s.setPodName(POD_NAME);
      s.setPodUID(POD_UID);
      s.setTargetContainer("app");
      s.setContainerName(DebugContainerName.of(name, uid));
      s.setStartedAt(CREATED.toString());
      s.setExpiresAt(expiresAt.toString());
      s.setDebugContainer(new DebugContainerStatus("Running", null, null, IMAGE_ID));
      return this;
    }

    public SessionFixture stopCause(StopCause cause) {
      stop().setCause(cause.reason().name());
      return this;
    }

    public SessionFixture termSentAt(Instant at) {
      stop().setTermSentAt(at.toString());
      return this;
    }

    public SessionFixture killSentAt(Instant at) {
      stop().setKillSentAt(at.toString());
      return this;
    }

    public SessionFixture killAttempts(int attempts) {
      stop().setKillAttempts(attempts);
      return this;
    }

    public SessionFixture failingSince(Instant at) {
      stop().setFailingSince(at.toString());
      return this;
    }

    public SessionFixture onStopFailure(OnStopFailure onStopFailure) {
      status().setOnStopFailure(onStopFailure.value());
      return this;
    }

    public SessionFixture onExpiry(OnExpiry onExpiry) {
      status().setOnExpiry(onExpiry.value());
      return this;
    }

    /** An eviction asked for at {@code at}: accepted when {@code accepted}, else blocked by a PodDisruptionBudget. */
    public SessionFixture evictionAttempted(Instant at, boolean accepted) {
      EvictionStatus eviction = new EvictionStatus();
      eviction.setFirstAttemptAt(at.toString());
      eviction.setLastAttemptAt(at.toString());
      if (accepted) {
        eviction.setEvictedAt(at.toString());
      } else {
        eviction.setBlockedBy("the Eviction API refused (HTTP 429)");
      }
      status().setEviction(eviction);
      return this;
    }

    public SessionFixture lastError(String error) {
      stop().setLastError(error);
      return this;
    }

    public DebugSession build() {
      DebugSession session = new DebugSession();
      session.setMetadata(new ObjectMetaBuilder()
          .withName(name)
          .withNamespace(NAMESPACE)
          .withUid(uid)
          .withGeneration(generation)
          .withCreationTimestamp(created == null ? null : created.toString())
          .withDeletionTimestamp(deletion == null ? null : deletion.toString())
          .build());
      session.setSpec(spec);
      session.setStatus(status);
      return session;
    }

    private DebugSessionStatus status() {
      if (status == null) {
        status = new DebugSessionStatus();
      }
      return status;
    }

    private StopStatus stop() {
      if (status().getStop() == null) {
        status().setStop(new StopStatus());
      }
      return status().getStop();
    }
  }

  static final class PodFixture {
    private String uid = POD_UID;
    private String phase = "Running";
    private boolean deleting;
    private final Map<String, ContainerState> containers = new LinkedHashMap<>(Map.of("app", running()));
    private final List<EphemeralContainer> ephemeralContainers = new ArrayList<>();
    private final List<ContainerStatus> ephemeralStatuses = new ArrayList<>();

    private PodFixture() {}

    PodFixture uid(String uid) {
      this.uid = uid;
      return this;
    }

    PodFixture phase(String phase) {
      this.phase = phase;
      return this;
    }

    PodFixture deleting() {
      this.deleting = true;
      return this;
    }

    /** Replaces the regular containers with these, all Running. */
    PodFixture containers(String... names) {
      containers.clear();
      for (String n : names) {
        containers.put(n, running());
      }
      return this;
    }

    /** The state of a regular container; null: no status reported for it. */
    PodFixture container(String name, ContainerState state) {
      containers.put(name, state);
      return this;
    }

    PodFixture ephemeral(EphemeralContainer container) {
      ephemeralContainers.add(container);
      return this;
    }

    /** The kubelet's report of the ephemeral container {@code name}; a null state is a status without one. */
    PodFixture ephemeralStatus(String name, ContainerState state) {
      ephemeralStatuses.add(new ContainerStatusBuilder()
          .withName(name).withImage(IMAGE).withImageID(IMAGE_ID).withState(state).build());
      return this;
    }

    Pod build() {
      List<Container> specContainers = containers.keySet().stream()
          .map(n -> new ContainerBuilder().withName(n).withImage("registry.example/" + n + ":1").build())
          .toList();
      List<ContainerStatus> statuses = containers.entrySet().stream()
          .filter(e -> e.getValue() != null)
          .map(e -> new ContainerStatusBuilder().withName(e.getKey()).withState(e.getValue()).build())
          .toList();
      return new PodBuilder()
          .withNewMetadata()
          .withName(POD_NAME)
          .withNamespace(NAMESPACE)
          .withUid(uid)
          .withDeletionTimestamp(deleting ? NOW.toString() : null)
          .endMetadata()
          .withNewSpec()
          .withContainers(specContainers)
          .withEphemeralContainers(ephemeralContainers)
          .endSpec()
          .withNewStatus()
          .withPhase(phase)
          .withContainerStatuses(statuses)
          .withEphemeralContainerStatuses(ephemeralStatuses)
          .endStatus()
          .build();
    }
  }
}
