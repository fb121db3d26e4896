package io.debugsession.operator.audit.sink;

import java.util.List;
import java.util.stream.IntStream;

/** Small records with ids r-001, r-002... whose envelope lines are 55 bytes for sequences 1 to 9. */
final class TestRecords {

  private TestRecords() {}

  static SpooledRecord record(int n) {
    return new SpooledRecord(id(n), n, String.format("{\"n\":\"%03d\"}", n));
  }

  static String id(int n) {
    return String.format("r-%03d", n);
  }

  /** Records {@code from} to {@code to}, both included. */
  static List<SpooledRecord> records(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(TestRecords::record).toList();
  }

  static List<String> ids(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(TestRecords::id).toList();
  }

  static List<String> idsOf(List<SpooledRecord> records) {
    return records.stream().map(SpooledRecord::recordId).toList();
  }
}
