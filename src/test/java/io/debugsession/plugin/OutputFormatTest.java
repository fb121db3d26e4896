package io.debugsession.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

  @Test
  void writesAListOfSessionsAsKubectlDoes() {
    String json = OutputFormat.json.write(List.of(Sessions.active("s1")));
    String yaml = OutputFormat.yaml.write(List.of(Sessions.active("s1")));

    assertThat(json).contains("\"kind\" : \"List\"").contains("\"name\" : \"s1\"").contains("\"phase\" : \"Active\"");
    assertThat(yaml).contains("kind: \"List\"").contains("name: \"s1\"");
  }
}
