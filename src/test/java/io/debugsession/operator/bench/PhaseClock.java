package io.debugsession.operator.bench;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * When the benchmark first saw each session of a namespace in each phase, through a watch: what a user running
 * {@code kubectl get dbg -w} would see, the watch's own delay included.
 */
final class PhaseClock implements AutoCloseable {

  private final Map<String, Map<Phase, Instant>> seen = new ConcurrentHashMap<>();
  private final Map<String, DebugSession> latest = new ConcurrentHashMap<>();
  private final SharedIndexInformer<DebugSession> informer;
  private volatile BiConsumer<DebugSession, Phase> onPhase = (s, p) -> { };

  PhaseClock(KubernetesClient client, String namespace) {
    informer = client.resources(DebugSession.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(DebugSession session) {
        note(session);
      }

      @Override
      public void onUpdate(DebugSession before, DebugSession session) {
        note(session);
      }

      @Override
      public void onDelete(DebugSession session, boolean deletedFinalStateUnknown) {
        latest.remove(session.getMetadata().getName());
      }
    });
  }

  /** Called once per session and phase, on the informer's thread. */
  void onPhase(BiConsumer<DebugSession, Phase> handler) {
    onPhase = handler;
  }

  private void note(DebugSession session) {
    Instant now = Instant.now();
    String name = session.getMetadata().getName();
    latest.put(name, session);
    if (session.getStatus() == null || session.getStatus().getPhase() == null) {
      return;
    }
    Phase phase = session.getStatus().getPhase();
    if (seen.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).putIfAbsent(phase, now) == null) {
      onPhase.accept(session, phase);
    }
  }

  Optional<Instant> firstSeen(String session, Phase phase) {
    return Optional.ofNullable(seen.getOrDefault(session, Map.of()).get(phase));
  }

  /** The session as last seen (empty once deleted). */
  Optional<DebugSession> latest(String session) {
    return Optional.ofNullable(latest.get(session));
  }

  long countIn(Iterable<String> sessions, Phase phase) {
    long n = 0;
    for (String s : sessions) {
      if (firstSeen(s, phase).isPresent()) {
        n++;
      }
    }
    return n;
  }

  long present(Iterable<String> sessions) {
    long n = 0;
    for (String s : sessions) {
      if (latest.containsKey(s)) {
        n++;
      }
    }
    return n;
  }

  /** Drops what was seen of sessions already deleted, so that long runs do not keep them. */
  void forget(Iterable<String> sessions) {
    for (String s : sessions) {
      seen.remove(s);
      latest.remove(s);
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
