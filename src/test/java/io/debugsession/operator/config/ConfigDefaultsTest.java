package io.debugsession.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration's defaults are written once, in {@link OperatorConfig}: application.properties does not repeat
 * them, and README's Configuration table shows the same values.
 */
class ConfigDefaultsTest {

  private static final Pattern README_ROW = Pattern.compile("^\\| `(debugsession\\.[a-z.-]+)` \\| `([^`]*)` \\|",
      Pattern.MULTILINE);

  @Test
  void applicationPropertiesSetsNoDefaultOfItsOwn() throws IOException {
    String properties = Files.readString(Path.of("src/main/resources/application.properties"));

    assertThat(properties.lines().filter(l -> l.startsWith("debugsession."))).isEmpty();
  }

  @Test
  void readmeShowsTheDefaultsOfOperatorConfig() throws IOException {
    Map<String, String> documented = new TreeMap<>();
    Matcher row = README_ROW.matcher(Files.readString(Path.of("README.md")));
    while (row.find()) {
      documented.put(row.group(1), row.group(2));
    }

    assertThat(documented).isEqualTo(defaults("debugsession", OperatorConfig.class));
  }

  private static Map<String, String> defaults(String prefix, Class<?> mapping) {
    Map<String, String> defaults = new TreeMap<>();
    for (Method method : mapping.getDeclaredMethods()) {
      String name = prefix + "." + method.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
      WithDefault value = method.getAnnotation(WithDefault.class);
      if (value != null) {
        defaults.put(name, value.value());
      } else if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() != null) {
        defaults.putAll(defaults(name, method.getReturnType()));
      }
    }
    return defaults;
  }
}
