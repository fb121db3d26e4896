package io.debugsession.operator.audit.sink;

import static io.debugsession.operator.audit.sink.TestRecords.record;
import static io.debugsession.operator.audit.sink.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new spool on the directory of an old one, as after an operator restart. Closing a spool only closes files (every
 * record and acknowledgement is on disk when its call returns), so close-and-reopen sees what a crash leaves.
 */
class DiskSpoolRecoveryTest {

  private static final long CAPACITY = 1024 * 1024;
  private static final String FIRST_SEGMENT = "segment-00000000000000000000.jsonl";

  @TempDir
  Path dir;

  @Test
  void reopenedSpoolContinuesWhereTheOldOneStopped() throws Exception {
    try (DiskSpool old = DiskSpool.open(dir, CAPACITY)) {
      old.appendAll(records(1, 5));
      old.acknowledge(old.peek(2));
    }

    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(10)).containsExactlyElementsOf(records(3, 5));

      spool.append(record(6));
      assertThat(spool.peek(10)).containsExactlyElementsOf(records(3, 6));
    }
  }

  @Test
  void recordsAppendedAfterEverythingWasAcknowledgedAreNotTakenForAcknowledged() throws Exception {
    try (DiskSpool old = DiskSpool.open(dir, CAPACITY)) {
      old.appendAll(records(1, 3));
      old.acknowledge(old.peek(3));
    }
    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(10)).isEmpty();
      spool.append(record(4));
    }

    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(10)).containsExactly(record(4));
    }
  }

  @Test
  void recordsSurviveByteForByte() throws Exception {
    SpooledRecord unusual = new SpooledRecord("id \"with\" quotes, é and \\", 7,
        "{\"msg\":\"caf\\u00e9 \\\"é\\\"\",\"amount\":1.50,\"nested\":{\"a\":[1, 2]}}");
    try (DiskSpool old = DiskSpool.open(dir, CAPACITY)) {
      old.append(unusual);
    }

    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(1)).containsExactly(unusual);
    }
  }

  @Test
  void tornLastLineIsCutOffKeptAsideAndNeverARecord() throws Exception {
    try (DiskSpool old = DiskSpool.open(dir, CAPACITY)) {
      old.appendAll(records(1, 3));
    }
    String torn = "{\"recordId\":\"r-004\",\"sequence\":4,\"rec";
    Files.writeString(dir.resolve(FIRST_SEGMENT), torn, StandardOpenOption.APPEND);

    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(10)).containsExactlyElementsOf(records(1, 3));
      spool.append(record(5));
    }

    assertThat(Files.readString(dir.resolve(FIRST_SEGMENT + ".torn-165"))).isEqualTo(torn);
    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(10)).containsExactly(record(1), record(2), record(3), record(5));
    }
  }

  @Test
  void unreadableLastLineIsATornWriteToo() throws Exception {
    try (DiskSpool old = DiskSpool.open(dir, CAPACITY)) {
      old.appendAll(records(1, 2));
    }
    Files.write(dir.resolve(FIRST_SEGMENT), new byte[] {0, 0, 0, 0, '\n'}, StandardOpenOption.APPEND);

    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      assertThat(spool.peek(10)).containsExactlyElementsOf(records(1, 2));
      assertThat(spool.usage().usedBytes()).isEqualTo(110);
    }
  }

  @Test
  void unreadableRecordFollowedByReadableOnesRefusesToOpen() throws Exception {
    Files.write(dir.resolve(FIRST_SEGMENT), List.of(SpoolLines.envelope(record(1)), "{\"recordId\":\"x\"}",
        SpoolLines.envelope(record(3))), StandardCharsets.UTF_8);

    assertThatThrownBy(() -> DiskSpool.open(dir, CAPACITY))
        .isInstanceOf(SpoolCorruptedException.class)
        .hasMessage(dir.resolve(FIRST_SEGMENT) + " has an unreadable record (expected \"sequence\" at byte 15) at"
            + " byte 55, followed by readable records");
  }

  @Test
  void missingOldestSegmentRefusesToOpen() throws Exception {
    Files.write(dir.resolve("segment-00000000000000000005.jsonl"), List.of(SpoolLines.envelope(record(6))),
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> DiskSpool.open(dir, CAPACITY))
        .isInstanceOf(SpoolCorruptedException.class)
        .hasMessage("records 0 to 4 are missing: the oldest segment " + dir.resolve(
            "segment-00000000000000000005.jsonl") + " starts at record 5");
  }

  @Test
  void secondSpoolOnTheSameDirectoryIsRefused() throws Exception {
    try (DiskSpool first = DiskSpool.open(dir, CAPACITY)) {
      assertThatThrownBy(() -> DiskSpool.open(dir, CAPACITY))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("audit spool " + dir + " is already open in another DiskSpool");
    }
  }

  @Test
  void acknowledgementMarkerNamesTheLastDeliveredRecord() throws Exception {
    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      spool.appendAll(records(1, 3));
      spool.acknowledge(spool.peek(2));
    }

    assertThat(Files.readAllLines(dir.resolve(AckMarker.FILE)))
        .contains("acknowledged-records=2", "last-record-id=r-002");
  }

  @Test
  void damagedMarkerRefusesToOpen() throws IOException {
    Files.writeString(dir.resolve(AckMarker.FILE), "acknowledged-records=two\n");

    assertThatThrownBy(() -> DiskSpool.open(dir, CAPACITY))
        .isInstanceOf(SpoolCorruptedException.class)
        .hasMessage(dir.resolve(AckMarker.FILE) + " has no valid acknowledged-records (found \"two\")");
  }
}
