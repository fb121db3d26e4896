package io.debugsession.operator.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The console handler's last guard (quarkus.log.console.filter): a log message that would span lines is written on
 * one, its line breaks escaped, whoever logged it (the operator's own lines quote what users typed with
 * {@link LogText}; this catches the rest, libraries included). The audit trail's JSON lines go to a handler of their
 * own and never pass here. Exceptions' stack traces are left as they are.
 */
@LoggingFilter(name = SingleLineLogFilter.NAME)
public final class SingleLineLogFilter implements Filter {

  public static final String NAME = "single-line";

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      String message = ext.getFormattedMessage();
      String line = LogText.singleLine(message);
      if (line != null && !line.equals(message)) {
        ext.setMessage(line, ExtLogRecord.FormatStyle.NO_FORMAT);
        ext.setParameters(null);
      }
    }
    return true;
  }
}
