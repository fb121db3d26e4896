package io.debugsession.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** The console's last guard: whoever logs a message with line breaks in it, it is written on one line. */
class SingleLineLogFilterTest {

  private final SingleLineLogFilter filter = new SingleLineLogFilter();

  @Test
  void aMessageWhoseParametersBreakLinesIsWrittenOnOneLine() {
    ExtLogRecord record = new ExtLogRecord(Level.INFO, "Library says {0}", ExtLogRecord.FormatStyle.MESSAGE_FORMAT,
        getClass().getName());
    record.setParameters(new Object[] {"done\n{\"recordId\":\"forged\"}"});

    boolean logged = filter.isLoggable(record);

    assertThat(logged).isTrue();
    assertThat(record.getFormattedMessage()).isEqualTo("Library says done\\n{\"recordId\":\"forged\"}");
  }

  @Test
  void aMessageOnOneLineIsLeftAsItIs() {
    ExtLogRecord record = new ExtLogRecord(Level.INFO, "DebugSession {0}/{1} started",
        ExtLogRecord.FormatStyle.MESSAGE_FORMAT, getClass().getName());
    Object[] parameters = {"shop", "dbg-1"};
    record.setParameters(parameters);

    filter.isLoggable(record);

    assertThat(record.getFormattedMessage()).isEqualTo("DebugSession shop/dbg-1 started");
    assertThat(record.getParameters()).isSameAs(parameters);
  }
}
