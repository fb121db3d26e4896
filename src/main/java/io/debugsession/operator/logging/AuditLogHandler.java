package io.debugsession.operator.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Prints the audit category's records on stdout as they are, one bare JSON record per line, whatever the console's
 * log format. Installed in code rather than in application.properties: with JSON logs on (the Deployment's
 * QUARKUS_LOG_CONSOLE_JSON_ENABLED), Quarkus gives every console handler configured there its JSON formatter, and each
 * record came out wrapped in a log line's "message" (seen in the in-cluster E2E).
 */
public final class AuditLogHandler {

  private AuditLogHandler() {}

  /** Makes the audit log {@code category} print to stdout through its own handler only. Idempotent. */
  public static synchronized void install(String category) {
    Logger audit = Logger.getLogger(category);
    for (Handler existing : audit.getHandlers()) {
      if (existing instanceof BareLines) {
        return;
      }
      audit.removeHandler(existing);
    }
    audit.addHandler(new BareLines());
    audit.setUseParentHandlers(false);
    audit.setLevel(Level.INFO);
  }

  /** A stdout handler writing the message alone. */
  private static final class BareLines extends ConsoleHandler {
    BareLines() {
      super(ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter("%s%n"));
    }
  }
}
