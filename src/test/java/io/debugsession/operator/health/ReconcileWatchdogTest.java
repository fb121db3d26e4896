package io.debugsession.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReconcileWatchdogTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void withNoReconcileRunningNothingIsStuck() {
    ReconcileWatchdog watchdog = new ReconcileWatchdog(Metrics.NOOP, clock);

    assertThat(watchdog.longestRunning()).isEmpty();
  }

  @Test
  void aReconcileStillRunningCountsFromItsStart() throws Exception {
    ReconcileWatchdog watchdog = new ReconcileWatchdog(Metrics.NOOP, clock);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> {
      try {
        return watchdog.timeControllerExecution(execution(() -> {
          started.countDown();
          release.await(10, TimeUnit.SECONDS);
          return "done";
        }));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    now.set(now.get().plus(Duration.ofMinutes(7)));

    assertThat(watchdog.longestRunning()).contains(Duration.ofMinutes(7));
    release.countDown();
    assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(watchdog.longestRunning()).isEmpty();
  }

  @Test
  void aReconcileThatThrewIsNoLongerRunning() {
    ReconcileWatchdog watchdog = new ReconcileWatchdog(Metrics.NOOP, clock);

    try {
      watchdog.timeControllerExecution(execution(() -> {
        throw new IllegalStateException("API server down");
      }));
    } catch (Exception expected) {
      assertThat(expected).hasMessage("API server down");
    }

    assertThat(watchdog.longestRunning()).isEqualTo(Optional.empty());
  }

  private interface Body<T> {
    T run() throws Exception;
  }

  private static <T> Metrics.ControllerExecution<T> execution(Body<T> body) {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "debugsession";
      }

      @Override
      public String successTypeName(T result) {
        return "success";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("debug-1", "team-a");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public T execute() throws Exception {
        return body.run();
      }
    };
  }
}
