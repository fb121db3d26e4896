package io.debugsession.operator.audit.sink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded, durable, append-only queue of audit records on disk, between the operator and the {@link HttpAuditSink}.
 *
 * <p>Records are kept as JSON lines in segment files of about {@code segmentBytes}, in append order. The file
 * {@code acknowledged} counts the records the receiver has confirmed ({@link AckMarker}); a segment is deleted once
 * all its records are acknowledged. Opening the directory again (after a restart, or a crash) continues where the
 * last spool stopped: acknowledged records are not handed out again, unacknowledged ones are (see
 * {@link SpoolRecovery} for torn writes).
 *
 * <p>Durability against throughput: {@link #append} returns only after an fsync, so a record it accepted survives a
 * crash of the process or the machine, at the price of one disk flush per call (a few hundred to a few thousand per
 * second on common disks). {@link #appendAll} writes several records with a single fsync; they are stored together or
 * not at all as far as the caller can tell.
 *
 * <p>Bounded: when the segment files would exceed {@code capacityBytes}, an append throws {@link SpoolFullException}
 * and writes nothing; the spool never drops a record to make room. It is meant for one consumer (the sink) and any
 * number of producers; every method is thread-safe. One directory, one open spool: a second is refused.
 */
public final class DiskSpool implements Closeable {

  private static final long MAX_SEGMENT_BYTES = 4L * 1024 * 1024;

  private final Path dir;
  private final long capacityBytes;
  private final FileChannel lockFile;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final SegmentLog segments;
  private final ArrayDeque<SpoolEntry> pending;
  private long acknowledged;
  private boolean refusedSinceFreed;
  private boolean closed;
  /** The oldest records as {@link #peek} last read them, so that acknowledging them need not read them again. */
  private List<SpooledRecord> peeked = List.of();

  private DiskSpool(Path dir, long capacityBytes, long segmentBytes, FileChannel lockFile) throws IOException {
    this.dir = dir;
    this.capacityBytes = capacityBytes;
    this.lockFile = lockFile;
    this.acknowledged = AckMarker.read(dir);
    SpoolRecovery.Recovered recovered = SpoolRecovery.recover(dir, acknowledged);
    this.segments = new SegmentLog(dir, segmentBytes, recovered.segments(), recovered.usedBytes());
    this.pending = new ArrayDeque<>(recovered.pending());
  }

  /** Opens, creating it if needed, the spool in {@code dir}, with segments of 1/16 of the capacity, at most 4 MiB. */
  public static DiskSpool open(Path dir, long capacityBytes) throws IOException {
    return open(dir, capacityBytes, Math.max(1, Math.min(MAX_SEGMENT_BYTES, capacityBytes / 16)));
  }

  public static DiskSpool open(Path dir, long capacityBytes, long segmentBytes) throws IOException {
    if (capacityBytes <= 0 || segmentBytes <= 0 || segmentBytes > capacityBytes) {
      throw new IllegalArgumentException("need 0 < segmentBytes <= capacityBytes, got segmentBytes " + segmentBytes
          + " and capacityBytes " + capacityBytes);
    }
    Files.createDirectories(dir);
    FileChannel lockFile = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock held = lockFile.tryLock();
      if (held == null) {
        throw new OverlappingFileLockException();
      }
      return new DiskSpool(dir, capacityBytes, segmentBytes, lockFile);
    } catch (OverlappingFileLockException e) {
      lockFile.close();
      throw new IllegalStateException("audit spool " + dir + " is already open in another DiskSpool");
    } catch (IOException | RuntimeException e) {
      lockFile.close();
      throw e;
    }
  }

  /** Stores one record durably (one fsync) after all earlier ones. */
  public void append(SpooledRecord record) throws IOException, SpoolFullException {
    appendAll(List.of(record));
  }

  /** Stores records durably and in order with one fsync: all of them, or (on an exception) none that it knows of. */
  public void appendAll(List<SpooledRecord> records) throws IOException, SpoolFullException {
    List<byte[]> lines = new ArrayList<>(records.size());
    long bytes = 0;
    for (SpooledRecord record : records) {
      byte[] line = SpoolLines.line(record);
      if (line.length > capacityBytes) {
        throw new IllegalArgumentException("record " + record.recordId() + " takes " + line.length
            + " bytes, more than the whole audit spool (" + capacityBytes + " bytes)");
      }
      lines.add(line);
      bytes += line.length;
    }
    lock.lock();
    try {
      requireUsable();
      if (segments.usedBytes() + bytes > capacityBytes) {
        refusedSinceFreed = true;
        throw new SpoolFullException(usage(), records.size(), bytes);
      }
      pending.addAll(segments.write(lines, acknowledged + pending.size()));
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Up to {@code maxRecords} of the oldest unacknowledged records, oldest first, without removing them. */
  public List<SpooledRecord> peek(int maxRecords) throws IOException {
    lock.lock();
    try {
      requireUsable();
      List<SpooledRecord> oldest = List.copyOf(oldest(maxRecords));
      if (oldest.size() > peeked.size()) {
        peeked = oldest;
      }
      return oldest;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks the oldest records as delivered, durably, and deletes the segments that no longer hold anything else.
   *
   * @param delivered what {@link #peek} returned (or its beginning); checked against the head of the queue
   * @throws IllegalStateException if {@code delivered} is not the oldest unacknowledged records, in order
   */
  public void acknowledge(List<SpooledRecord> delivered) throws IOException {
    if (delivered.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      requireUsable();
      List<SpooledRecord> oldest = oldest(delivered.size());
      for (int i = 0; i < delivered.size(); i++) {
        SpooledRecord record = delivered.get(i);
        if (i >= oldest.size() || !record.equals(oldest.get(i))) {
          throw new IllegalStateException("cannot acknowledge record " + record.recordId() + " (sequence "
              + record.sequence() + "): it is not the next unacknowledged record" + (i >= oldest.size() ? ""
              : ", " + oldest.get(i).recordId() + " (sequence " + oldest.get(i).sequence() + ") is"));
        }
      }
      AckMarker.write(dir, acknowledged + delivered.size(), delivered.get(delivered.size() - 1).recordId());
      acknowledged += delivered.size();
      for (int i = 0; i < delivered.size(); i++) {
        pending.removeFirst();
      }
      peeked = peeked.subList(Math.min(delivered.size(), peeked.size()), peeked.size());
      if (segments.deleteBefore(acknowledged)) {
        refusedSinceFreed = false;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The oldest {@code n} records, or all if fewer are pending; from what peek last read, as far as it reaches. */
  private List<SpooledRecord> oldest(int n) throws IOException {
    List<SpooledRecord> oldest = new ArrayList<>(Math.min(n, pending.size()));
    Iterator<SpoolEntry> entries = pending.iterator();
    while (oldest.size() < n && entries.hasNext()) {
      SpoolEntry entry = entries.next();
      oldest.add(oldest.size() < peeked.size() ? peeked.get(oldest.size()) : entry.read());
    }
    return oldest;
  }

  /** Waits until there is something to {@link #peek}; true if there is, false on timeout or close. */
  public boolean awaitPending(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (pending.isEmpty() && !closed) {
        if (nanos <= 0) {
          return false;
        }
        nanos = appended.awaitNanos(nanos);
      }
      return !pending.isEmpty() && !closed;
    } finally {
      lock.unlock();
    }
  }

  public SpoolUsage usage() {
    lock.lock();
    try {
      long used = segments.usedBytes();
      return new SpoolUsage(pending.size(), used, capacityBytes, used >= capacityBytes || refusedSinceFreed);
    } finally {
      lock.unlock();
    }
  }

  /** Whether appends are refused: see {@link SpoolUsage#full()}. */
  public boolean isFull() {
    return usage().full();
  }

  public Path directory() {
    return dir;
  }

  private void requireUsable() {
    if (closed) {
      throw new IllegalStateException("audit spool " + dir + " is closed");
    }
    if (segments.broken() != null) {
      throw new IllegalStateException("audit spool " + dir + " is unusable: " + segments.broken());
    }
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      appended.signalAll();
      try {
        segments.close();
      } finally {
        lockFile.close();
      }
    } finally {
      lock.unlock();
    }
  }
}
