package io.debugsession.operator.audit.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of JSON values held as Java maps and lists, so a record holding one is immutable and
 * equal to itself after a trip through JSON: null members are dropped (as NON_NULL writes them) and every integer
 * becomes a Long (a BigInteger beyond), whatever type Jackson chose when reading it.
 */
final class JsonValues {

  private JsonValues() {}

  static Map<String, Object> freezeObject(Map<String, Object> object, String field) {
    return object == null ? null : freezeMap(object, field);
  }

  private static Object freeze(Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      return freezeMap(map, path);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(list.get(i) == null ? null : freeze(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return integer(number, path);
    }
    throw new IllegalArgumentException(path + " holds a " + value.getClass().getName() + ", which is not a JSON value");
  }

  private static Map<String, Object> freezeMap(Map<?, ?> map, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> {
      if (!(key instanceof String name)) {
        throw new IllegalArgumentException(path + " has a key that is not a string: " + key);
      }
      if (value != null) {
        copy.put(name, freeze(value, path + "." + name));
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  private static Number integer(Number number, String path) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    BigInteger exact;
    try {
      BigDecimal decimal = number instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(number.toString());
      exact = CanonicalJson.exactInteger(decimal);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(path + " is " + number + ": audit records hold integers only");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage());
    }
    return exact.bitLength() < Long.SIZE ? (Number) exact.longValue() : exact;
  }
}
