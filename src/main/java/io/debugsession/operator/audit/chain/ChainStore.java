package io.debugsession.operator.audit.chain;

/**
 * Where the trail's {@link ChainState} lives between records: in the cluster, so that a restarted operator or a new
 * leader continues the chain instead of forking it. Writes are compare-and-swap on the version read.
 */
public interface ChainStore {

  /** A state and the version it was read or written at; version null when nothing is stored yet. */
  record Stored(ChainState state, String version) {}

  /** Thrown by {@link #save} when the stored state is no longer the one {@code previous} was read from. */
  final class ConflictException extends RuntimeException {
    public ConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The stored state, or the genesis state with a null version when there is none. */
  Stored load();

  /** Replaces {@code previous} by {@code next}; {@link ConflictException} if another writer came first. */
  Stored save(Stored previous, ChainState next);

  /** Where the state is kept, for messages. */
  String describe();
}
