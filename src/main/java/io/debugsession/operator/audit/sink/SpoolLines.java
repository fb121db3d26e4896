package io.debugsession.operator.audit.sink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The envelope a record travels in, on disk (one per line) and on the wire (a JSON array of them):
 * <pre>{"recordId":"...","sequence":42,"record":{...the record's own JSON, unchanged...}}</pre>
 */
final class SpoolLines {

  private SpoolLines() {}

  static String envelope(SpooledRecord record) {
    return "{\"recordId\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(record.recordId()))
        + "\",\"sequence\":" + record.sequence() + ",\"record\":" + record.json() + "}";
  }

  /** The envelope and its newline, as appended to a segment. */
  static byte[] line(SpooledRecord record) {
    return (envelope(record) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The request body for a batch: a JSON array of envelopes. */
  static byte[] batchBody(List<SpooledRecord> batch) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write('[');
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        body.write(',');
      }
      body.writeBytes(envelope(batch.get(i)).getBytes(StandardCharsets.UTF_8));
    }
    body.write(']');
    return body.toByteArray();
  }

  /**
   * Reads one line back, without its newline. The record's JSON is parsed once, by {@link SpooledRecord}, which also
   * makes sure that exactly the closing brace of the envelope follows it.
   *
   * @throws IOException when the bytes are not an envelope this class wrote
   */
  static SpooledRecord parse(byte[] data, int offset, int length) throws IOException {
    byte[] line = Arrays.copyOfRange(data, offset, offset + length);
    if (length == 0 || line[length - 1] != '}') {
      throw new IOException("not a complete envelope");
    }
    try (JsonParser parser = SpooledRecord.JSON.createParser(line)) {
      expect(parser, JsonToken.START_OBJECT, null);
      expect(parser, JsonToken.FIELD_NAME, "recordId");
      expect(parser, JsonToken.VALUE_STRING, null);
      String recordId = parser.getText();
      expect(parser, JsonToken.FIELD_NAME, "sequence");
      expect(parser, JsonToken.VALUE_NUMBER_INT, null);
      long sequence = parser.getLongValue();
      expect(parser, JsonToken.FIELD_NAME, "record");
      expect(parser, JsonToken.START_OBJECT, null);
      int recordStart = (int) parser.currentTokenLocation().getByteOffset();
      String json = new String(line, recordStart, length - 1 - recordStart, StandardCharsets.UTF_8);
      return new SpooledRecord(recordId, sequence, json);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void expect(JsonParser parser, JsonToken token, String name) throws IOException {
    if (parser.nextToken() != token || (name != null && !name.equals(parser.currentName()))) {
      throw new IOException("expected " + (name != null ? "\"" + name + "\"" : token) + " at byte "
          + parser.currentTokenLocation().getByteOffset());
    }
  }
}
