package io.debugsession.operator.audit.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of {@link DiskSpool} with 1 KiB records: appends with one fsync each, appends in batches of 100 (one
 * fsync per batch), and draining with peek(100) + acknowledge. A program, not a test: surefire runs only *Test
 * classes and failsafe *IT and *E2E. Figures depend on the disk's fsync latency above all. Run from the project:
 *
 * <pre>
 * ./mvnw -q -o test-compile
 * ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     io.debugsession.operator.audit.sink.SpoolBenchmark [directory, default a new temporary one]
 * </pre>
 */
public final class SpoolBenchmark {

  private static final int RECORD_BYTES = 1024;
  private static final long CAPACITY = 1L << 30;
  private static final int SINGLE_APPENDS = 2_000;
  private static final int BATCHED_RECORDS = 100_000;
  private static final int BATCH = 100;

  private SpoolBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path base = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("spool-bench");
    System.out.printf("Spool benchmark in %s, %d-byte records on disk, Java %s%n", base,
        SpoolLines.line(record(0)).length, System.getProperty("java.version"));
    try {
      singleAppends(base.resolve("warm-up"), 200, false);
      singleAppends(base.resolve("single"), SINGLE_APPENDS, true);
      batchedAppendsThenDrain(base.resolve("batched"));
    } finally {
      deleteTree(base);
    }
  }

  private static void singleAppends(Path dir, int count, boolean report) throws Exception {
    List<SpooledRecord> records = records(count);
    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      long start = System.nanoTime();
      for (SpooledRecord record : records) {
        spool.append(record);
      }
      if (report) {
        print("append, fsync each", count, spool.usage().usedBytes(), System.nanoTime() - start);
      }
    }
  }

  private static void batchedAppendsThenDrain(Path dir) throws Exception {
    List<SpooledRecord> records = records(BATCHED_RECORDS);
    try (DiskSpool spool = DiskSpool.open(dir, CAPACITY)) {
      long start = System.nanoTime();
      for (int i = 0; i < records.size(); i += BATCH) {
        spool.appendAll(records.subList(i, Math.min(i + BATCH, records.size())));
      }
      long bytes = spool.usage().usedBytes();
      print("appendAll, batches of " + BATCH, records.size(), bytes, System.nanoTime() - start);

      start = System.nanoTime();
      int drained = 0;
      for (List<SpooledRecord> batch = spool.peek(BATCH); !batch.isEmpty(); batch = spool.peek(BATCH)) {
        spool.acknowledge(batch);
        drained += batch.size();
      }
      print("peek(" + BATCH + ") + acknowledge", drained, bytes, System.nanoTime() - start);
    }
  }

  /** Records whose envelope line is exactly {@link #RECORD_BYTES} long. */
  private static List<SpooledRecord> records(int count) {
    List<SpooledRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(record(i));
    }
    return records;
  }

  private static SpooledRecord record(int n) {
    String id = String.format("bench-%010d", n);
    int overhead = SpoolLines.line(new SpooledRecord(id, n, "{\"pad\":\"\"}")).length;
    return new SpooledRecord(id, n, "{\"pad\":\"" + "x".repeat(RECORD_BYTES - overhead) + "\"}");
  }

  private static void print(String what, int records, long bytes, long nanos) {
    double seconds = nanos / 1e9;
    System.out.printf("%-30s %7d records in %6.2f s: %9.0f records/s, %7.2f MB/s%n", what, records, seconds,
        records / seconds, bytes / 1e6 / seconds);
  }

  private static void deleteTree(Path base) throws IOException {
    try (Stream<Path> paths = Files.walk(base)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
