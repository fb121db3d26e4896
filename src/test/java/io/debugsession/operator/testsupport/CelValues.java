package io.debugsession.operator.testsupport;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON as CEL's Java runtime takes it, the way the API server hands an unstructured object to CEL. */
public final class CelValues {

  private CelValues() {}

  /** Map, List, String, Long, Double, Boolean, or CEL's null for a JSON null or a missing object. */
  public static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(p -> map.put(p.getKey(), of(p.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.values().forEach(v -> list.add(of(v)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asString();
  }
}
