package io.debugsession.operator.audit.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Objects;

/**
 * One audit record as the spool keeps it and the sink sends it: already serialised, so that this package does not
 * depend on the record model. The JSON is stored and sent byte for byte as given, so a hash chain computed over it
 * stays verifiable at the receiver.
 *
 * @param recordId unique per record; the receiver deduplicates on it, which is what makes redelivery harmless
 * @param sequence the record's position in the audit trail, passed through to the receiver
 * @param json the record: one JSON object on a single line, without surrounding whitespace (what
 *     {@code ObjectMapper.writeValueAsString} produces)
 */
public record SpooledRecord(String recordId, long sequence, String json) {

  static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_RECORD_ID = 256;

  public SpooledRecord {
    Objects.requireNonNull(recordId, "recordId");
    Objects.requireNonNull(json, "json");
    if (recordId.isBlank() || recordId.length() > MAX_RECORD_ID || recordId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("recordId \"" + recordId + "\" must be 1 to " + MAX_RECORD_ID
          + " characters without control characters");
    }
    requireSingleLineObject(recordId, json);
  }

  private static void requireSingleLineObject(String recordId, String json) {
    if (json.isEmpty() || json.charAt(0) != '{' || json.charAt(json.length() - 1) != '}'
        || json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("record " + recordId
          + " must be a JSON object on a single line, without surrounding whitespace");
    }
    try (JsonParser parser = JSON.createParser(json)) {
      parser.nextToken();
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("record " + recordId + " has more than one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("record " + recordId + " is not well-formed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("Reading a string cannot fail", e);
    }
  }
}
