package io.debugsession.operator.audit.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the spool from its directory when it is opened. Only the last segment can end in a partial write (a
 * segment is fsync'd before the next one receives a byte), so only there are unreadable trailing bytes a torn append:
 * they are cut off, kept beside the segment as {@code <segment>.torn-<offset>} for inspection, and logged; their append
 * never returned, so no caller was told they were stored. Anything else unreadable is {@link SpoolCorruptedException}.
 */
final class SpoolRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);

  /** What the directory holds: the segments still needed, in order, and the records not yet acknowledged. */
  record Recovered(List<SpoolSegment> segments, List<SpoolEntry> pending, long usedBytes) {}

  private SpoolRecovery() {}

  static Recovered recover(Path dir, long acknowledged) throws IOException {
    List<SpoolSegment> segments = new ArrayList<>();
    try {
      return recover(dir, acknowledged, segments);
    } catch (IOException | RuntimeException e) {
      for (SpoolSegment segment : segments) {
        segment.close();
      }
      throw e;
    }
  }

  private static Recovered recover(Path dir, long acknowledged, List<SpoolSegment> segments) throws IOException {
    List<Path> files = segmentFiles(dir);
    List<SpoolEntry> pending = new ArrayList<>();
    long usedBytes = 0;
    Long expectedFirst = null;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      long first = SpoolSegment.firstIndexOf(file).orElseThrow();
      if (expectedFirst != null && first != expectedFirst) {
        throw new SpoolCorruptedException(file + " starts at record " + first
            + " but the segment before it ends at record " + expectedFirst);
      }
      List<int[]> lines = new ArrayList<>();
      byte[] data = Files.readAllBytes(file);
      int valid = scan(file, data, i == files.size() - 1, lines);
      if (valid < data.length) {
        keepTornTail(file, data, valid);
      }
      expectedFirst = first + lines.size();
      if (lines.isEmpty() || expectedFirst <= acknowledged) {
        Files.delete(file); // empty, or acknowledged before a crash that came ahead of its deletion
        continue;
      }
      if (segments.isEmpty() && first > acknowledged) {
        throw new SpoolCorruptedException("records " + acknowledged + " to " + (first - 1)
            + " are missing: the oldest segment " + file + " starts at record " + first);
      }
      SpoolSegment segment = SpoolSegment.open(file, first, valid, lines.size());
      segments.add(segment);
      if (valid < data.length) {
        segment.truncate(valid, lines.size());
      }
      for (int j = 0; j < lines.size(); j++) {
        if (first + j >= acknowledged) {
          pending.add(new SpoolEntry(segment, lines.get(j)[0], lines.get(j)[1]));
        }
      }
      usedBytes += valid;
    }
    return new Recovered(segments, pending, usedBytes);
  }

  private static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> SpoolSegment.firstIndexOf(f).isPresent())
          .sorted(Comparator.comparingLong(f -> SpoolSegment.firstIndexOf(f).getAsLong()))
          .toList();
    }
  }

  /** Adds {offset, length with newline} of each record to {@code lines}; returns the length of the readable part. */
  private static int scan(Path file, byte[] data, boolean last, List<int[]> lines) throws IOException {
    int pos = 0;
    while (pos < data.length) {
      int newline = indexOf(data, pos);
      String problem = newline < 0 ? "an incomplete record" : unreadable(data, pos, newline);
      if (problem != null) {
        if (last && !readableLineFrom(data, newline < 0 ? data.length : newline + 1)) {
          return pos;
        }
        throw new SpoolCorruptedException(file + " has " + problem + " at byte " + pos
            + (last ? ", followed by readable records" : " and is not the newest segment"));
      }
      lines.add(new int[] {pos, newline + 1 - pos});
      pos = newline + 1;
    }
    return pos;
  }

  private static String unreadable(byte[] data, int from, int newline) {
    try {
      SpoolLines.parse(data, from, newline - from);
      return null;
    } catch (IOException e) {
      return "an unreadable record (" + e.getMessage() + ")";
    }
  }

  private static boolean readableLineFrom(byte[] data, int from) {
    for (int pos = from, newline; pos < data.length && (newline = indexOf(data, pos)) >= 0; pos = newline + 1) {
      if (unreadable(data, pos, newline) == null) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static void keepTornTail(Path file, byte[] data, int valid) throws IOException {
    Path kept = file.resolveSibling(file.getFileName() + ".torn-" + valid);
    Files.write(kept, Arrays.copyOfRange(data, valid, data.length));
    LOG.warn("Audit spool segment {} ends in {} bytes of a record whose append never completed (the operator stopped"
        + " mid-write); they are not a record, are cut off, and are kept in {} for inspection", file,
        data.length - valid, kept);
  }
}
