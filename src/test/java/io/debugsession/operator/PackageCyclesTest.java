package io.debugsession.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * No package of the operator or the plugin imports one that imports it back, directly or through others: each package can be read,
 * tested and changed knowing only those below it. The dependencies are the compiled classes' (jdeps, from the JDK).
 */
class PackageCyclesTest {

  /** The operator and the kubectl plugin, which uses the operator's packages (the verifier, the API types). */
  private static final String ROOT = "io.debugsession";
  private static final Pattern EDGE = Pattern.compile("^\\s*(" + Pattern.quote(ROOT) + "[\\w.]*)\\s+->\\s+("
      + Pattern.quote(ROOT) + "[\\w.]*)\\s", Pattern.MULTILINE);

  @Test
  void noPackageDependsOnItself() {
    Map<String, Set<String>> imports = packageImports();

    assertThat(imports).isNotEmpty();
    assertThat(cycles(imports)).isEmpty();
  }

  /** Package to the operator's packages it uses, from jdeps over target/classes. */
  private static Map<String, Set<String>> packageImports() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-e",
        Pattern.quote(ROOT) + ".*", "target/classes");
    assertThat(rc).as(out.toString()).isZero();
    Map<String, Set<String>> imports = new TreeMap<>();
    Matcher edge = EDGE.matcher(out.toString());
    while (edge.find()) {
      if (!edge.group(1).equals(edge.group(2))) {
        imports.computeIfAbsent(edge.group(1), p -> new TreeSet<>()).add(edge.group(2));
      }
    }
    return imports;
  }

  /** Each package that can reach itself, with the path that does it. */
  private static List<String> cycles(Map<String, Set<String>> imports) {
    List<String> cycles = new ArrayList<>();
    for (String start : imports.keySet()) {
      List<String> path = pathBack(start, start, imports, new TreeSet<>());
      if (path != null) {
        cycles.add(start + " -> " + String.join(" -> ", path));
      }
    }
    return cycles;
  }

  private static List<String> pathBack(String from, String target, Map<String, Set<String>> imports,
      Set<String> seen) {
    for (String next : imports.getOrDefault(from, Set.of())) {
      if (next.equals(target)) {
        return new ArrayList<>(List.of(next));
      }
      if (seen.add(next)) {
        List<String> rest = pathBack(next, target, imports, seen);
        if (rest != null) {
          rest.add(0, next);
          return rest;
        }
      }
    }
    return null;
  }
}
