package io.debugsession.operator.audit.sink;

import static io.debugsession.operator.audit.sink.TestRecords.idsOf;
import static io.debugsession.operator.audit.sink.TestRecords.record;
import static io.debugsession.operator.audit.sink.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order, acknowledgement and the capacity bound of one open spool. */
class DiskSpoolTest {

  private static final int LINE = 55; // bytes of TestRecords.record(1..9) on disk

  @TempDir
  Path dir;

  private DiskSpool spool;

  @AfterEach
  void closeSpool() throws IOException {
    if (spool != null) {
      spool.close();
    }
  }

  @Test
  void peekReturnsTheOldestRecordsInAppendOrder() throws Exception {
    spool = DiskSpool.open(dir, 1024 * 1024);
    spool.append(record(1));
    spool.appendAll(records(2, 4));
    spool.append(record(5));

    List<SpooledRecord> oldest = spool.peek(3);

    assertThat(oldest).containsExactlyElementsOf(records(1, 3));
    assertThat(spool.usage().pendingRecords()).isEqualTo(5);
  }

  @Test
  void acknowledgedRecordsAreNotHandedOutAgain() throws Exception {
    spool = DiskSpool.open(dir, 1024 * 1024);
    spool.appendAll(records(1, 5));

    spool.acknowledge(spool.peek(2));

    assertThat(spool.peek(10)).containsExactlyElementsOf(records(3, 5));
    assertThat(spool.usage().pendingRecords()).isEqualTo(3);
  }

  @Test
  void acknowledgingAnythingButTheOldestRecordsIsRefused() throws Exception {
    spool = DiskSpool.open(dir, 1024 * 1024);
    spool.appendAll(records(1, 3));

    assertThatThrownBy(() -> spool.acknowledge(List.of(record(2))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot acknowledge record r-002 (sequence 2): it is not the next unacknowledged record, "
            + "r-001 (sequence 1) is");
    assertThat(spool.peek(10)).containsExactlyElementsOf(records(1, 3));
  }

  @Test
  void fullSpoolRefusesAnAppendWithoutDroppingAnything() throws Exception {
    spool = DiskSpool.open(dir, 4 * LINE, LINE);
    spool.appendAll(records(1, 4));

    assertThatThrownBy(() -> spool.append(record(5)))
        .isInstanceOf(SpoolFullException.class)
        .hasMessage("audit spool is full: 220 of 220 bytes used by 4 records not yet delivered, no room for 1 more"
            + " record(s) of 55 bytes");
    assertThat(spool.isFull()).isTrue();
    assertThat(spool.peek(10)).containsExactlyElementsOf(records(1, 4));
  }

  @Test
  void fullSpoolAcceptsAgainOnceAcknowledgementsFreeASegment() throws Exception {
    spool = DiskSpool.open(dir, 4 * LINE, LINE);
    spool.appendAll(records(1, 4));
    assertThatThrownBy(() -> spool.append(record(5))).isInstanceOf(SpoolFullException.class);

    spool.acknowledge(spool.peek(1));
    spool.append(record(5));

    assertThat(spool.peek(10)).containsExactlyElementsOf(records(2, 5));
    assertThat(spool.usage().usedBytes()).isEqualTo(4 * LINE);
  }

  @Test
  void spoolIsReportedFullFromARefusalUntilSpaceIsFreed() throws Exception {
    spool = DiskSpool.open(dir, 3 * LINE + 10, LINE);
    spool.appendAll(records(1, 3));
    assertThat(spool.isFull()).isFalse();

    assertThatThrownBy(() -> spool.append(record(4))).isInstanceOf(SpoolFullException.class);
    assertThat(spool.isFull()).isTrue();

    spool.acknowledge(spool.peek(1));
    assertThat(spool.isFull()).isFalse();
  }

  @Test
  void batchThatDoesNotFitIsRefusedWhole() throws Exception {
    spool = DiskSpool.open(dir, 3 * LINE, LINE);
    spool.append(record(1));

    assertThatThrownBy(() -> spool.appendAll(records(2, 4)))
        .isInstanceOf(SpoolFullException.class)
        .hasMessage("audit spool is full: 55 of 165 bytes used by 1 records not yet delivered, no room for 3 more"
            + " record(s) of 165 bytes");
    assertThat(spool.peek(10)).containsExactly(record(1));
    assertThat(spool.usage().usedBytes()).isEqualTo(LINE);
  }

  @Test
  void recordLargerThanTheWholeSpoolIsRejected() throws Exception {
    spool = DiskSpool.open(dir, 2 * LINE, LINE);

    assertThatThrownBy(() -> spool.append(new SpooledRecord("big", 1, "{\"x\":\"" + "y".repeat(200) + "\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record big takes 250 bytes, more than the whole audit spool (110 bytes)");
  }

  @Test
  void acknowledgedSegmentsAreDeleted() throws Exception {
    spool = DiskSpool.open(dir, 100 * LINE, 2 * LINE);
    spool.appendAll(records(1, 5));
    assertThat(segmentFiles()).hasSize(3);

    spool.acknowledge(spool.peek(4));

    assertThat(segmentFiles()).containsExactly("segment-00000000000000000004.jsonl");
    assertThat(spool.usage().usedBytes()).isEqualTo(LINE);
  }

  @Test
  void concurrentAppendsAreAllKeptInEachWritersOrder() throws Exception {
    spool = DiskSpool.open(dir, 1024 * 1024, 1024);
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      done.add(writers.submit(() -> {
        for (int i = 0; i < 100; i++) {
          spool.append(new SpooledRecord("w" + writer + "-" + i, i, "{\"w\":" + writer + "}"));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    writers.shutdown();

    List<String> sent = idsOf(spool.peek(1000));

    assertThat(sent).hasSize(400).doesNotHaveDuplicates();
    for (int w = 0; w < 4; w++) {
      String prefix = "w" + w + "-";
      assertThat(sent.stream().filter(id -> id.startsWith(prefix)).toList())
          .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(100).map(i -> prefix + i).toList());
    }
  }

  @Test
  void closedSpoolRefusesUse() throws Exception {
    spool = DiskSpool.open(dir, 1024);
    spool.close();

    assertThatThrownBy(() -> spool.append(record(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audit spool " + dir + " is closed");
  }

  @Test
  void peekOnAnEmptySpoolReturnsNothing() throws Exception {
    spool = DiskSpool.open(dir, 1024);

    assertThat(spool.peek(10)).isEmpty();
    assertThat(spool.usage().pendingRecords()).isZero();
  }

  private List<String> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("segment-")).sorted().toList();
    }
  }
}
