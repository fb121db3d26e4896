package io.debugsession.operator.audit.sink;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file of the spool: lines appended at the end, read back at any offset. Named after the index of its
 * first record, so the files sort in spool order. A {@link RandomAccessFile} rather than a {@code FileChannel}: an
 * interrupted thread makes a channel close itself for everyone, while a RandomAccessFile's I/O just completes.
 */
final class SpoolSegment implements Closeable {

  private static final Pattern NAME = Pattern.compile("segment-(\\d{20})\\.jsonl");

  private final Path path;
  private final long firstIndex;
  private final RandomAccessFile file;
  private long size;
  private int count;

  private SpoolSegment(Path path, long firstIndex, long size, int count) throws IOException {
    this.path = path;
    this.firstIndex = firstIndex;
    this.file = new RandomAccessFile(path.toFile(), "rw");
    this.size = size;
    this.count = count;
  }

  static SpoolSegment create(Path dir, long firstIndex) throws IOException {
    Path path = Files.createFile(dir.resolve(String.format("segment-%020d.jsonl", firstIndex)));
    syncDirectory(dir);
    return new SpoolSegment(path, firstIndex, 0, 0);
  }

  /** Opens a recovered segment holding {@code count} whole records in its first {@code size} bytes. */
  static SpoolSegment open(Path path, long firstIndex, long size, int count) throws IOException {
    return new SpoolSegment(path, firstIndex, size, count);
  }

  static OptionalLong firstIndexOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /**
   * Makes a created, renamed or deleted directory entry durable. Needs a FileChannel; a pending interrupt is held back
   * while it runs, so that the caller's interrupt (the sink is stopped that way) does not fail the call.
   */
  static void syncDirectory(Path dir) throws IOException {
    boolean interrupted = Thread.interrupted();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Writes one line after the last; durable only after {@link #sync()}. */
  void append(byte[] line) throws IOException {
    file.seek(size);
    file.write(line);
    size += line.length;
    count++;
  }

  void sync() throws IOException {
    file.getFD().sync();
  }

  byte[] read(long offset, int length) throws IOException {
    byte[] data = new byte[length];
    file.seek(offset);
    file.readFully(data);
    return data;
  }

  /** Cuts the file back to {@code newSize} bytes holding {@code newCount} records, durably. */
  void truncate(long newSize, int newCount) throws IOException {
    file.setLength(newSize);
    sync();
    size = newSize;
    count = newCount;
  }

  /** Closes and removes the file. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  Path path() {
    return path;
  }

  long firstIndex() {
    return firstIndex;
  }

  /** The index after this segment's last record. */
  long endIndex() {
    return firstIndex + count;
  }

  long size() {
    return size;
  }

  int count() {
    return count;
  }
}
