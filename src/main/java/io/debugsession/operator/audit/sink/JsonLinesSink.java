package io.debugsession.operator.audit.sink;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each record as one line of JSON: INFO on {@value #LOG_CATEGORY} in production, a list in tests. */
public final class JsonLinesSink implements AuditSink {

  /** The log category of the JSON-lines sink, which application.properties prints as the bare line. */
  public static final String LOG_CATEGORY = "debugsession.audit";

  private final Consumer<String> lines;

  public JsonLinesSink(Consumer<String> lines) {
    this.lines = lines;
  }

  /** The production sink: the log category {@value #LOG_CATEGORY}. */
  public static JsonLinesSink log() {
    Logger audit = LoggerFactory.getLogger(LOG_CATEGORY);
    return new JsonLinesSink(audit::info);
  }

  @Override
  public String describe() {
    return "JSON lines";
  }

  @Override
  public long deliver(List<SpooledRecord> records, long takenThrough) {
    records.forEach(r -> lines.accept(r.json()));
    return records.isEmpty() ? takenThrough : records.get(records.size() - 1).sequence();
  }
}
