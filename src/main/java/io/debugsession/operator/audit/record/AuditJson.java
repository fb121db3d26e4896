package io.debugsession.operator.audit.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Audit records as JSON lines. Writing: one line, members in the record's declaration order (time and event first,
 * for people; the hash does not depend on it). Reading is strict where a lenient parser would let two texts mean the
 * same record: a repeated member name or anything after the object is an error, and fractions are read exactly.
 * Unknown members are kept in trees (the hash covers them) and ignored when reading a record.
 */
public final class AuditJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private AuditJson() {}

  /** The record as one line of JSON, without a line terminator (every control character is escaped). */
  public static String toLine(AuditRecord record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write audit record " + record.recordId() + " as JSON", e);
    }
  }

  /** Reads one line back; IllegalArgumentException if it is not JSON or not an audit record. */
  public static AuditRecord fromLine(String line) {
    try {
      return MAPPER.readValue(line, AuditRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an audit record: " + e.getOriginalMessage(), e);
    }
  }

  /** The record as the JSON tree {@link #toLine} writes. */
  static ObjectNode tree(AuditRecord record) {
    return MAPPER.valueToTree(record);
  }

  /** A line as a JSON tree, read with the strict rules above. */
  static JsonNode parse(String line) throws JsonProcessingException {
    return MAPPER.readTree(line);
  }

  /** {@code value} (a fabric8 model object, a map) as a JSON object, for fields such as securityContext. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> toObject(Object value) {
    return value == null ? null : MAPPER.convertValue(value, Map.class);
  }
}
