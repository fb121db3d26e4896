package io.debugsession.operator.audit.sink;

import static io.debugsession.operator.audit.sink.TestRecords.id;
import static io.debugsession.operator.audit.sink.TestRecords.ids;
import static io.debugsession.operator.audit.sink.TestRecords.idsOf;
import static io.debugsession.operator.audit.sink.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debugsession.operator.audit.sink.FakeAuditReceiver.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink against a local receiver that is down, slow to acknowledge, throttling or refusing. */
class HttpAuditSinkTest {

  private static final long CAPACITY = 1024 * 1024;

  @TempDir
  Path dir;

  private FakeAuditReceiver receiver;
  private DiskSpool spool;
  private HttpAuditSink sink;

  @AfterEach
  void stopEverything() throws IOException {
    if (sink != null) {
      sink.close();
    }
    if (spool != null) {
      spool.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void receiverThatIsDownAtFirstGetsEveryRecordOnceWhenItComesUp() throws Exception {
    receiver = FakeAuditReceiver.down();
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 250));
    sink = startSink(settings().withBatchSize(40));
    await().untilAsserted(() -> assertThat(sink.status().consecutiveFailures()).isGreaterThanOrEqualTo(3));
    assertThat(sink.status().lastError()).startsWith("POST " + receiver.url() + " failed: ConnectException");
    assertThat(spool.usage().pendingRecords()).isEqualTo(250);

    receiver.start();

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(receiver.storedIds()).containsExactlyElementsOf(ids(1, 250));
    assertThat(receiver.acceptedMoreThanOnce()).isEmpty();
    assertThat(sink.status().consecutiveFailures()).isZero();
    assertThat(sink.status().deliveredRecords()).isEqualTo(250);
    assertThat(sink.status().lastSuccessAt()).isNotNull();
  }

  @Test
  void lostAcknowledgementMeansResendingAndTheReceiverDeduplicates() throws Exception {
    receiver = FakeAuditReceiver.up();
    receiver.replyNext(Reply.storeThen(500));
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 10));

    sink = startSink(settings().withBatchSize(4));

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(receiver.storedIds()).containsExactlyElementsOf(ids(1, 10));
    assertThat(receiver.acceptedMoreThanOnce()).containsExactlyElementsOf(ids(1, 4));
    assertThat(receiver.timesAccepted(id(1))).isEqualTo(2);
  }

  @Test
  void restartOfSinkAndSpoolInTheMiddleLosesNothing() throws Exception {
    receiver = FakeAuditReceiver.up();
    AtomicInteger requests = new AtomicInteger();
    receiver.replyWith(ids -> switch (requests.incrementAndGet()) {
      case 1, 2, 3 -> Reply.OK;
      case 4 -> Reply.storeThen(503); // stored, but the sink does not learn it before the restart
      default -> Reply.refuse(503, "");
    });
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 100));
    sink = startSink(settings().withBatchSize(10));
    await().untilAsserted(() -> assertThat(requests.get()).isGreaterThanOrEqualTo(5));

    sink.close();
    spool.close();
    receiver.replyWith(ids -> Reply.OK);
    spool = DiskSpool.open(dir, CAPACITY);
    assertThat(spool.usage().pendingRecords()).isEqualTo(70);
    spool.appendAll(records(101, 120));
    sink = startSink(settings().withBatchSize(10));

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(receiver.storedIds()).containsExactlyElementsOf(ids(1, 120));
    assertThat(receiver.acceptedMoreThanOnce()).containsExactlyElementsOf(ids(31, 40));
  }

  @Test
  void retryAfterIsHonoured() throws Exception {
    receiver = FakeAuditReceiver.up();
    receiver.replyNext(Reply.refuse(429, "slow down").withRetryAfter("1"));
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 3));
    List<Duration> waits = new CopyOnWriteArrayList<>();

    sink = startSink(settings(), d -> {
      waits.add(d);
      Thread.sleep(d.toMillis());
    });

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(receiver.timesOffered(id(1))).isEqualTo(2);
  }

  @Test
  void retryAfterLongerThanTheLimitIsCut() throws Exception {
    receiver = FakeAuditReceiver.up();
    receiver.replyNext(Reply.refuse(503, "maintenance").withRetryAfter("3600"));
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 3));
    List<Duration> waits = new CopyOnWriteArrayList<>();
    SinkSettings s = settings();
    SinkSettings limited = new SinkSettings(s.url(), null, s.batchSize(), s.connectTimeout(), s.requestTimeout(),
        s.backoffBase(), s.backoffMax(), Duration.ofSeconds(2), s.rejectedRetryInterval());

    sink = startSink(limited, waits::add);

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void refusedRecordIsIsolatedKeptAndOfferedAgainNotDropped() throws Exception {
    receiver = FakeAuditReceiver.up();
    receiver.replyWith(ids -> ids.contains(id(3)) ? Reply.refuse(400, "record r-003 fails schema validation")
        : Reply.OK);
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 5));

    sink = startSink(settings().withBatchSize(5));

    await().untilAsserted(() -> assertThat(receiver.timesOffered(id(3))).isGreaterThanOrEqualTo(5));
    assertThat(receiver.storedIds()).containsExactlyElementsOf(ids(1, 2));
    assertThat(idsOf(spool.peek(10))).containsExactlyElementsOf(ids(3, 5));
    assertThat(sink.status().lastError())
        .isEqualTo(receiver.url() + " answered HTTP 400 to record r-003: record r-003 fails schema validation");

    receiver.replyWith(ids -> Reply.OK);

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(receiver.storedIds()).containsExactlyElementsOf(ids(1, 5));
  }

  @Test
  void requestCarriesTheBatchAsJsonWithTheBearerToken() throws Exception {
    receiver = FakeAuditReceiver.up();
    spool = DiskSpool.open(dir, CAPACITY);
    spool.appendAll(records(1, 2));

    sink = startSink(settings().withBearerToken(() -> "s3cret"));

    await().untilAsserted(() -> assertThat(spool.usage().pendingRecords()).isZero());
    assertThat(receiver.lastHeaders().getFirst("Content-Type")).isEqualTo("application/json");
    assertThat(receiver.lastHeaders().getFirst("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(receiver.lastBody()).isEqualTo("[{\"recordId\":\"r-001\",\"sequence\":1,\"record\":{\"n\":\"001\"}},"
        + "{\"recordId\":\"r-002\",\"sequence\":2,\"record\":{\"n\":\"002\"}}]");
  }

  @Test
  void recordsAppendedWhileTheSinkIdlesAreSent() throws Exception {
    receiver = FakeAuditReceiver.up();
    spool = DiskSpool.open(dir, CAPACITY);
    sink = startSink(settings());

    spool.appendAll(records(1, 3));

    await().untilAsserted(() -> assertThat(receiver.storedIds()).containsExactlyElementsOf(ids(1, 3)));
  }

  private SinkSettings settings() {
    return SinkSettings.defaults(receiver.url())
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
        .withRejectedRetryInterval(Duration.ofMillis(50));
  }

  private HttpAuditSink startSink(SinkSettings settings) {
    return startSink(settings, d -> Thread.sleep(d.toMillis()));
  }

  private HttpAuditSink startSink(SinkSettings settings, HttpAuditSink.Sleeper sleeper) {
    HttpAuditSink started = new HttpAuditSink(spool, settings, sleeper);
    started.start();
    return started;
  }
}
