package io.debugsession.operator.audit.sink;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The file {@code acknowledged} in the spool directory: how many records, counted from the first ever appended, the
 * receiver has acknowledged. Replaced atomically (temporary file, fsync, rename, fsync of the directory), so after a
 * crash it holds either the old count or the new one, never a mix. The id of the last acknowledged record is there
 * for people reading the directory; only the count is used.
 */
final class AckMarker {

  static final String FILE = "acknowledged";
  private static final String TEMP = FILE + ".tmp";
  private static final String COUNT = "acknowledged-records";
  private static final String LAST = "last-record-id";

  private AckMarker() {}

  static long read(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(TEMP)); // an update that crashed before its rename never happened
    Properties marker = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve(FILE))) {
      marker.load(in);
    } catch (NoSuchFileException e) {
      return 0;
    }
    String count = marker.getProperty(COUNT, "");
    try {
      long acknowledged = Long.parseLong(count.trim());
      if (acknowledged >= 0) {
        return acknowledged;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SpoolCorruptedException(dir.resolve(FILE) + " has no valid " + COUNT + " (found \"" + count + "\")");
  }

  static void write(Path dir, long acknowledged, String lastRecordId) throws IOException {
    Properties marker = new Properties();
    marker.setProperty(COUNT, Long.toString(acknowledged));
    marker.setProperty(LAST, lastRecordId);
    Path temp = dir.resolve(TEMP);
    try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
      marker.store(out, "Audit records delivered to the receiver; written by debugsession-operator, do not edit");
      out.getFD().sync();
    }
    Files.move(temp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    SpoolSegment.syncDirectory(dir);
  }
}
