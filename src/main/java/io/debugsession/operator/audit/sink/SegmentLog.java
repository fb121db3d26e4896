package io.debugsession.operator.audit.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's segment files, oldest first: appends go to the newest, which is rolled over at {@code segmentBytes};
 * whole segments are deleted once acknowledged. Not thread-safe: {@link DiskSpool} holds its lock around every call.
 */
final class SegmentLog {

  private final Path dir;
  private final long segmentBytes;
  private final ArrayDeque<SpoolSegment> segments;
  private long usedBytes;
  private String broken;

  SegmentLog(Path dir, long segmentBytes, List<SpoolSegment> recovered, long usedBytes) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.segments = new ArrayDeque<>(recovered);
    this.usedBytes = usedBytes;
  }

  /**
   * Appends the lines, numbered from {@code firstIndex}, with one fsync at the end and one per segment rolled over.
   * On failure it takes the partial append back off the disk before rethrowing, so memory and files agree.
   */
  List<SpoolEntry> write(List<byte[]> lines, long firstIndex) throws IOException {
    SpoolSegment before = segments.peekLast();
    long sizeBefore = before == null ? 0 : before.size();
    int countBefore = before == null ? 0 : before.count();
    List<SpoolEntry> written = new ArrayList<>(lines.size());
    long index = firstIndex;
    try {
      for (byte[] line : lines) {
        SpoolSegment active = segments.peekLast();
        if (active == null || (active.size() > 0 && active.size() + line.length > segmentBytes)) {
          if (active != null) {
            active.sync(); // the finished segment is complete on disk before the next one holds a byte
          }
          active = SpoolSegment.create(dir, index);
          segments.addLast(active);
        }
        written.add(new SpoolEntry(active, active.size(), line.length));
        active.append(line);
        usedBytes += line.length;
        index++;
      }
      segments.getLast().sync();
      return written;
    } catch (IOException e) {
      undo(before, sizeBefore, countBefore);
      throw e;
    }
  }

  private void undo(SpoolSegment before, long sizeBefore, int countBefore) {
    try {
      while (segments.peekLast() != before) {
        SpoolSegment added = segments.removeLast();
        usedBytes -= added.size();
        added.delete();
      }
      if (before != null) {
        usedBytes -= before.size() - sizeBefore;
        before.truncate(sizeBefore, countBefore);
      }
    } catch (IOException e) {
      broken = "a failed append could not be undone (" + e.getMessage() + "); open the spool again to recover it";
    }
  }

  /** Deletes the segments whose records all come before {@code acknowledged}; true if that freed any space. */
  boolean deleteBefore(long acknowledged) {
    boolean freed = false;
    while (!segments.isEmpty() && segments.getFirst().endIndex() <= acknowledged) {
      SpoolSegment done = segments.removeFirst();
      usedBytes -= done.size();
      freed = true;
      try {
        done.delete();
      } catch (IOException e) {
        // Harmless: the marker already counts these records as delivered, so the next open deletes the file.
      }
    }
    return freed;
  }

  long usedBytes() {
    return usedBytes;
  }

  /** Why the files can no longer be trusted to match memory, or null. */
  String broken() {
    return broken;
  }

  void close() throws IOException {
    for (SpoolSegment segment : segments) {
      segment.close();
    }
  }
}
