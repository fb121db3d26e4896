package io.debugsession.operator.audit.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link ChainStore} in memory with the ConfigMap's semantics: the state is kept as its data (so it goes through
 * {@link ChainState#toData()} and {@link ChainState#fromData} like the real one), every save is a compare-and-swap
 * on the version, and a save can be told to fail.
 */
public final class InMemoryChainStore implements ChainStore {

  private Map<String, String> data;
  private long version;
  private int conflicts;
  /** What the next saves do, in order: null lets a save through, anything else is thrown. */
  private final List<Supplier<RuntimeException>> plan = new ArrayList<>();

  @Override
  public synchronized Stored load() {
    if (data == null) {
      return new Stored(ChainState.genesis(), null);
    }
    return new Stored(ChainState.fromData(data), Long.toString(version));
  }

  @Override
  public synchronized Stored save(Stored previous, ChainState next) {
    if (!plan.isEmpty()) {
      Supplier<RuntimeException> failure = plan.remove(0);
      if (failure != null) {
        throw failure.get();
      }
    }
    String now = data == null ? null : Long.toString(version);
    if (!Objects.equals(previous.version(), now)) {
      conflicts++;
      throw new ConflictException(describe() + " is at version " + now + ", not " + previous.version(), null);
    }
    data = Map.copyOf(next.toData());
    version++;
    return new Stored(next, Long.toString(version));
  }

  @Override
  public String describe() {
    return "the in-memory chain store";
  }

  /** The next {@code count} saves throw what {@code failure} makes, and store nothing. */
  synchronized InMemoryChainStore failNextSaves(int count, Supplier<RuntimeException> failure) {
    for (int i = 0; i < count; i++) {
      plan.add(failure);
    }
    return this;
  }

  /** The next {@code count} saves go through as usual (to fail a later one with {@link #failNextSaves}). */
  synchronized InMemoryChainStore passNextSaves(int count) {
    for (int i = 0; i < count; i++) {
      plan.add(null);
    }
    return this;
  }

  static Supplier<RuntimeException> conflict() {
    return () -> new ConflictException("another writer came first", null);
  }

  static Supplier<RuntimeException> outage(String message) {
    return () -> new IllegalStateException(message);
  }

  /** Replaces the stored data, as someone editing the ConfigMap by hand would. */
  synchronized void overwrite(Map<String, String> data) {
    this.data = new HashMap<>(data);
    version++;
  }

  /** Deletes the stored state, as someone deleting the ConfigMap would. */
  synchronized void delete() {
    data = null;
    version++;
  }

  /** The stored state read the way {@link #load} reads it. */
  synchronized ChainState state() {
    return load().state();
  }

  synchronized Map<String, String> data() {
    return data == null ? null : Map.copyOf(data);
  }

  /** Saves refused because their version was no longer the current one. */
  synchronized int conflicts() {
    return conflicts;
  }
}
