package io.debugsession.operator.audit.chain;

import io.debugsession.operator.audit.record.AuditFixtures;
import io.debugsession.operator.audit.record.AuditJson;
import io.debugsession.operator.audit.record.AuditRecord;
import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.sink.SpoolSink;
import io.debugsession.operator.audit.sink.JsonLinesSink;
import static io.debugsession.operator.audit.record.AuditFixtures.record;
import static io.debugsession.operator.audit.chain.InMemoryChainStore.conflict;
import static io.debugsession.operator.audit.chain.InMemoryChainStore.outage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.audit.sink.DiskSpool;
import io.debugsession.operator.audit.sink.SpoolFullException;
import io.debugsession.operator.audit.sink.SpooledRecord;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trail with an in-memory chain store (compare-and-swap like the ConfigMap) and a real disk spool: what reaches
 * the sinks, how often, in which order, and what happens when the store or the spool cannot keep up.
 */
class AuditTrailTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-05-01T10:00:00Z"), ZoneOffset.UTC);
  private static final String STORE = "the in-memory chain store";

  @TempDir
  Path dir;

  private final InMemoryChainStore store = new InMemoryChainStore();
  private final List<String> log = new ArrayList<>();
  private DiskSpool spool;

  @AfterEach
  void closeSpool() throws IOException {
    if (spool != null) {
      spool.close();
    }
  }

  // --- delivery

  @Test
  void recordChainsTheRecordsAfterTheStoredHeadAndReturnsThem() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));

    List<AuditRecord> first = trail.record(List.of(record("t", 1), record("t", 2)));
    List<AuditRecord> second = trail.record(List.of(record("t", 3)));

    List<AuditRecord> chain = AuditFixtures.chain(3, ChainHead.genesis(), "t");
    assertThat(first).containsExactlyElementsOf(chain.subList(0, 2));
    assertThat(second).containsExactlyElementsOf(chain.subList(2, 3));
    assertThat(store.state().head()).isEqualTo(new ChainHead(3, chain.get(2).hash()));
    assertThat(trail.recordsWritten()).isEqualTo(3);
  }

  @Test
  void recordsGoToTheLogOnceEachInOrderAsAChainTheVerifierAccepts() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));

    trail.record(List.of(record("t", 1), record("t", 2)));
    trail.record(List.of(record("t", 3)));

    assertThat(log).containsExactlyElementsOf(AuditFixtures.lines(AuditFixtures.chain(3, ChainHead.genesis(), "t")));
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(store.state().head()).verifyLines(log.stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(3);
  }

  @Test
  void recordsGoToTheSpoolOnceEachInOrderExactlyAsLogged() throws IOException {
    spool = DiskSpool.open(dir, 64 * 1024);
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add), new SpoolSink(spool, CLOCK)));

    trail.record(List.of(record("t", 1), record("t", 2)));
    trail.record(List.of(record("t", 3)));

    List<AuditRecord> chain = AuditFixtures.chain(3, ChainHead.genesis(), "t");
    assertThat(spool.peek(100)).containsExactly(spooled(chain.get(0)), spooled(chain.get(1)), spooled(chain.get(2)));
    assertThat(log).containsExactlyElementsOf(AuditFixtures.lines(chain));
  }

  @Test
  void theStoredOutboxIsEmptyOnceTheRecordsAreDelivered() throws IOException {
    spool = DiskSpool.open(dir, 64 * 1024);
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add), new SpoolSink(spool, CLOCK)));

    trail.record(List.of(record("t", 1), record("t", 2)));

    assertThat(store.state().outbox()).isEmpty();
    assertThat(store.state().head().sequence()).isEqualTo(2);
    assertThat(store.state().recentIds())
        .containsExactlyInAnyOrder(record("t", 1).recordId(), record("t", 2).recordId());
    assertThat(trail.undelivered()).isZero();
    assertThat(trail.refusal()).isEmpty();
  }

  @Test
  void nothingToRecordTouchesNeitherStoreNorSinks() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));

    List<AuditRecord> chained = trail.record(List.of());

    assertThat(chained).isEmpty();
    assertThat(store.data()).isNull();
    assertThat(log).isEmpty();
  }

  // --- recording a fact once

  @Test
  void aRecordWhoseIdWasRecordedBeforeIsNotChainedAgain() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    trail.record(List.of(record("t", 1)));

    List<AuditRecord> again = trail.record(List.of(record("t", 1)));
    List<AuditRecord> mixed = trail.record(List.of(record("t", 1), record("t", 2)));

    assertThat(again).isEmpty();
    assertThat(mixed).singleElement().satisfies(r -> {
      assertThat(r.recordId()).isEqualTo(record("t", 2).recordId());
      assertThat(r.sequence()).isEqualTo(2L);
    });
    assertThat(log).hasSize(2);
    assertThat(trail.recordsWritten()).isEqualTo(2);
  }

  @Test
  void aRecordWhoseIdWasRecordedBeforeARestartIsNotChainedAgain() {
    new AuditTrail(store, List.of(new JsonLinesSink(log::add))).record(List.of(record("t", 1)));
    List<String> restartedLog = new ArrayList<>();
    AuditTrail restarted = new AuditTrail(store, List.of(new JsonLinesSink(restartedLog::add)));

    List<AuditRecord> again = restarted.record(List.of(record("t", 1)));

    assertThat(again).isEmpty();
    assertThat(restartedLog).isEmpty();
    assertThat(store.state().head().sequence()).isEqualTo(1);
  }

  @Test
  void aRecordWhoseIdSomeoneListedInTheStoreIsChainedAllTheSameAndTheChainStaysVerifiable() {
    // Record ids are predictable; someone who may edit the ConfigMap lists the next one (the old dedup list's key).
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    trail.record(List.of(record("t", 1)));
    Map<String, String> edited = new java.util.HashMap<>(store.data());
    edited.put("recentRecordIds", record("t", 1).recordId() + "\n" + record("t", 2).recordId());
    store.overwrite(edited);

    List<AuditRecord> chained = new AuditTrail(store, List.of(new JsonLinesSink(log::add))).record(List.of(record("t", 2)));

    assertThat(chained).singleElement().extracting(AuditRecord::sequence).isEqualTo(2L);
    assertThat(log).hasSize(2);
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(store.state().head()).verifyLines(log.stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
  }

  // --- other writers and a failing store

  @Test
  void afterAnotherWriterExtendedTheChainItChainsAfterItsRecords() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    trail.record(List.of(record("t", 1)));
    List<String> otherLog = new ArrayList<>();
    List<AuditRecord> theirs = new AuditTrail(store, List.of(new JsonLinesSink(otherLog::add))).record(List.of(record("o", 2)));

    List<AuditRecord> mine = trail.record(List.of(record("t", 3)));

    assertThat(store.conflicts()).isEqualTo(1);
    assertThat(mine).singleElement().satisfies(r -> {
      assertThat(r.sequence()).isEqualTo(3L);
      assertThat(r.prevHash()).isEqualTo(theirs.get(0).hash());
    });
    assertThat(log).hasSize(2);
    assertThat(otherLog).hasSize(1);
    List<String> combined = Stream.concat(log.stream(), otherLog.stream())
        .sorted(Comparator.comparing(line -> AuditJson.fromLine(line).sequence())).toList();
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(store.state().head())
        .verifyLines(combined.stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(3);
  }

  @Test
  void aFewConflictsInARowAreRetriedOnTheNewHead() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    store.failNextSaves(4, conflict());

    List<AuditRecord> chained = trail.record(List.of(record("t", 1)));

    assertThat(chained).containsExactlyElementsOf(AuditFixtures.chain(1, ChainHead.genesis(), "t"));
    assertThat(log).hasSize(1);
  }

  @Test
  void aChainThatKeepsChangingIsUnavailableAndNothingIsRecorded() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    store.failNextSaves(5, conflict());

    assertThatThrownBy(() -> trail.record(List.of(record("t", 1))))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("the audit chain in " + STORE + " kept changing under us (5 attempts)");
    assertThat(store.data()).isNull();
    assertThat(log).isEmpty();
    assertThat(trail.recordsWritten()).isZero();
  }

  @Test
  void aStoreThatFailsOnSaveMakesTheTrailUnavailableAndNothingIsRecorded() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    store.failNextSaves(1, outage("etcd leader changed"));

    assertThatThrownBy(() -> trail.record(List.of(record("t", 1))))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("cannot store the audit chain in " + STORE + ": etcd leader changed");
    assertThat(store.data()).isNull();
    assertThat(log).isEmpty();
    assertThat(trail.recordsWritten()).isZero();
  }

  @Test
  void aRecordRefusedByAFailingStoreIsRecordedWhenRetried() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    store.failNextSaves(1, outage("etcd leader changed"));
    assertThatThrownBy(() -> trail.record(List.of(record("t", 1)))).isInstanceOf(AuditUnavailableException.class);

    List<AuditRecord> chained = trail.record(List.of(record("t", 1)));

    assertThat(chained).containsExactlyElementsOf(AuditFixtures.chain(1, ChainHead.genesis(), "t"));
    assertThat(log).containsExactlyElementsOf(AuditFixtures.lines(chained));
  }

  @Test
  void aDamagedStoredStateMakesTheTrailUnavailableInsteadOfStartingANewChain() {
    store.overwrite(Map.of("sequence", "7", "hash", "not-a-hash"));
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));

    assertThatThrownBy(() -> trail.record(List.of(record("t", 1))))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("the audit chain in " + STORE + " is damaged (chain head hash \"not-a-hash\" is not 64 lowercase"
            + " hexadecimal digits); restore it from a backup or the last record's sequence and hash: the operator"
            + " does not start a new chain over it");
    assertThat(store.data()).isEqualTo(Map.of("sequence", "7", "hash", "not-a-hash"));
    assertThat(log).isEmpty();
  }

  @Test
  void aChainWhoseStoreWasDeletedUnderARunningTrailIsNotStartedAnew() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    trail.record(List.of(record("t", 1), record("t", 2)));
    store.delete();

    assertThatThrownBy(() -> trail.record(List.of(record("t", 3))))
        .isInstanceOf(AuditUnavailableException.class);
    assertThatThrownBy(() -> trail.record(List.of(record("t", 3))))
        .isInstanceOf(AuditUnavailableException.class)
        .hasMessage("the audit chain in " + STORE + " is gone, although this operator extended it up to sequence 2;"
            + " restore it (sequence and hash are in the last record of the log), or restart the operator to start"
            + " a new chain on purpose");
    assertThat(store.data()).isNull();
  }

  @Test
  void flushOverADamagedStoredStateDeliversNothingAndDoesNotThrow() {
    store.overwrite(Map.of("sequence", "7"));
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));

    trail.flush();

    assertThat(log).isEmpty();
    assertThat(store.data()).isEqualTo(Map.of("sequence", "7"));
  }

  // --- many passes at once

  @Test
  void recordsThatWaitForAWriteUnderWayAreChainedTogetherInOneWrite() throws Exception {
    CountDownLatch firstSaveStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger saves = new AtomicInteger();
    ChainStore gated = new ChainStore() {
      @Override
      public Stored load() {
        return store.load();
      }

      @Override
      public Stored save(Stored previous, ChainState next) {
        if (saves.incrementAndGet() == 1) {
          firstSaveStarted.countDown();
          awaitQuietly(release);
        }
        return store.save(previous, next);
      }

      @Override
      public String describe() {
        return STORE;
      }
    };
    AuditTrail trail = new AuditTrail(gated, List.of(new JsonLinesSink(log::add)));
    Map<Integer, List<AuditRecord>> returned = new ConcurrentHashMap<>();
    Thread first = recordInThread(trail, 1, returned);
    firstSaveStarted.await();
    List<Thread> waiting = IntStream.rangeClosed(2, 4).mapToObj(i -> recordInThread(trail, i, returned)).toList();
    // Each of them has queued its records and waits for the lock.
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting.stream().allMatch(t -> t.getState() == Thread.State.BLOCKED));

    release.countDown();
    first.join();
    for (Thread t : waiting) {
      t.join();
    }

    assertThat(saves).as("an append and a trim for the first call, then for the three that waited").hasValue(4);
    assertThat(returned.get(1)).singleElement().extracting(AuditRecord::sequence).isEqualTo(1L);
    assertThat(IntStream.rangeClosed(2, 4).mapToObj(returned::get))
        .allSatisfy(mine -> assertThat(mine).hasSize(1))
        .flatMap(mine -> mine).extracting(AuditRecord::sequence).containsExactlyInAnyOrder(2L, 3L, 4L);
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(store.state().head()).verifyLines(log.stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.recordsVerified()).isEqualTo(4);
  }

  private static Thread recordInThread(AuditTrail trail, int n, Map<Integer, List<AuditRecord>> returned) {
    Thread t = new Thread(() -> returned.put(n, trail.record(List.of(record("t", n)))));
    t.start();
    return t;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- a full spool

  @Test
  void recordsAFullSpoolCannotTakeStayInTheOutboxAndAreLoggedOnce() throws IOException {
    spool = DiskSpool.open(dir, 4096, 512);
    fill(spool);
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add), new SpoolSink(spool, CLOCK)));

    List<AuditRecord> chained = trail.record(List.of(record("t", 1)));

    assertThat(chained).hasSize(1);
    assertThat(log).containsExactlyElementsOf(AuditFixtures.lines(chained));
    assertThat(store.state().outbox()).containsExactly(spooled(chained.get(0)));
    assertThat(trail.undelivered()).isEqualTo(1);
    assertThat(trail.spoolFull()).isTrue();
    assertThat(spool.peek(1000)).noneMatch(r -> r.recordId().equals(chained.get(0).recordId()));
  }

  @Test
  void aFullSpoolMakesTheTrailRefuseNewSessions() throws IOException {
    spool = DiskSpool.open(dir, 4096, 512);
    int fillers = fill(spool);
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add), new SpoolSink(spool, CLOCK)));
    trail.record(List.of(record("t", 1)));

    assertThat(trail.refusal()).contains(new AuditTrail.Refusal("The audit trail cannot record this session: the"
        + " audit spool is full with " + fillers + " records the audit receiver has not accepted yet; try again when it has", true));
  }

  @Test
  void whenTheSpoolHasRoomAgainFlushSpoolsTheHeldBackRecordsInOrderWithoutLoggingThemAgain() throws IOException {
    spool = DiskSpool.open(dir, 4096, 512);
    fill(spool);
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add), new SpoolSink(spool, CLOCK)));
    trail.record(List.of(record("t", 1)));
    trail.record(List.of(record("t", 2)));
    spool.acknowledge(spool.peek(Integer.MAX_VALUE));

    trail.flush();

    List<AuditRecord> chain = AuditFixtures.chain(2, ChainHead.genesis(), "t");
    assertThat(spool.peek(1000)).containsExactly(spooled(chain.get(0)), spooled(chain.get(1)));
    assertThat(log).containsExactlyElementsOf(AuditFixtures.lines(chain));
    assertThat(store.state().outbox()).isEmpty();
    assertThat(trail.undelivered()).isZero();
    assertThat(trail.refusal()).isEmpty();
  }

  // --- restarts

  @Test
  void aRestartedTrailDeliversWhatItsPredecessorLeftInTheOutbox() throws IOException {
    spool = DiskSpool.open(dir, 4096, 512);
    fill(spool);
    List<AuditRecord> chained = new AuditTrail(store, List.of(new JsonLinesSink(log::add), new SpoolSink(spool, CLOCK))).record(List.of(record("t", 1)));
    List<String> restartedLog = new ArrayList<>();
    AuditTrail restarted = new AuditTrail(store, List.of(new JsonLinesSink(restartedLog::add)));

    restarted.flush();

    assertThat(restartedLog).containsExactlyElementsOf(AuditFixtures.lines(chained));
    assertThat(store.state().outbox()).isEmpty();
  }

  @Test
  void aCrashBeforeTheOutboxWasTrimmedRedeliversAtTheNextStartAsAnExactDuplicate() {
    store.passNextSaves(1).failNextSaves(1, outage("connection reset"));
    new AuditTrail(store, List.of(new JsonLinesSink(log::add))).record(List.of(record("t", 1)));
    List<String> restartedLog = new ArrayList<>();

    new AuditTrail(store, List.of(new JsonLinesSink(restartedLog::add))).flush();

    assertThat(restartedLog).isEqualTo(log).hasSize(1);
    assertThat(store.state().outbox()).isEmpty();
    List<String> both = Stream.concat(log.stream(), restartedLog.stream()).toList();
    VerificationReport report = ChainVerifier.fromGenesis().endingAt(store.state().head()).skippingExactDuplicates()
        .verifyLines(both.stream());
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.duplicatesSkipped()).isEqualTo(1);
  }

  @Test
  void anOutboxNotTrimmedIsNotDeliveredAgainByTheSameTrail() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    store.passNextSaves(1).failNextSaves(1, outage("connection reset"));
    trail.record(List.of(record("t", 1)));

    trail.record(List.of(record("t", 2)));

    assertThat(log).containsExactlyElementsOf(AuditFixtures.lines(AuditFixtures.chain(2, ChainHead.genesis(), "t")));
    assertThat(store.state().outbox()).isEmpty();
  }

  @Test
  void recordsDeliveredWhoseTrimFailedDoNotMakeTheTrailRefuseSessions() {
    AuditTrail trail = new AuditTrail(store, List.of(new JsonLinesSink(log::add)));
    AuditRecord big = record("t", 1).toBuilder().recordId(record("t", 1).recordId())
        .message("x".repeat(ChainState.OUTBOX_LIMIT_BYTES / 2 + 1000)).build();
    store.passNextSaves(1).failNextSaves(1, outage("connection reset"));
    trail.record(List.of(big));

    trail.flush();

    assertThat(trail.refusal()).isEmpty();
    assertThat(trail.undelivered()).isZero();
    assertThat(store.state().outbox()).as("the retried trim").isEmpty();
  }

  // --- helpers

  private static SpooledRecord spooled(AuditRecord chained) {
    return new SpooledRecord(chained.recordId(), chained.sequence(), AuditJson.toLine(chained));
  }

  /** Appends small records until the spool refuses one; returns how many it took. */
  private static int fill(DiskSpool spool) throws IOException {
    for (int n = 1; ; n++) {
      try {
        spool.append(new SpooledRecord("filler-" + n, n, "{\"filler\":" + n + "}"));
      } catch (SpoolFullException e) {
        assertThat(spool.isFull()).isTrue();
        return n - 1;
      }
    }
  }
}
