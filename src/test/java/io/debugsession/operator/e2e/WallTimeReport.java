package io.debugsession.operator.e2e;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Prints each test's wall time, its set-up included: {@code [e2e-timing] Class.method wall=72.4s passed}. */
final class WallTimeReport implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(WallTimeReport.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(STORE).put("start", Instant.now());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Instant start = context.getStore(STORE).get("start", Instant.class);
    Duration wall = Duration.between(start, Instant.now());
    System.out.println("[e2e-timing] %s.%s wall=%.1fs %s".formatted(context.getRequiredTestClass().getSimpleName(),
        context.getRequiredTestMethod().getName(), wall.toMillis() / 1000.0,
        context.getExecutionException().isPresent() ? "failed" : "passed"));
  }
}
