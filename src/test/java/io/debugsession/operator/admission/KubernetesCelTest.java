package io.debugsession.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CEL environment the policies are tested in refuses what the API server would refuse to compile. */
class KubernetesCelTest {

  private static final KubernetesCel CEL = new KubernetesCel();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      request.userinfo.username == 'alice'              | undefined field 'userinfo'
      namespaceObject.metadata.lables.size() > 0        | undefined field 'lables'
      params.data.enabled == 'true'                     | undeclared reference to 'params'
      authorizer.group('').resource('pods').check('get').allowed() | undeclared reference to 'authorizer'
      [1, 'two'].size() == 2                            | expected type 'int' but found 'string'
      duration('15 minutes') > duration('1m')           | duration
      'abc'.reverse() == 'cba'                          | reverse
      'alice'                                           | must evaluate to bool
      """)
  void refusesToCompile(String expression, String error) {
    // Act and Assert
    assertThatThrownBy(() -> CEL.compile(expression, Map.of(), false, SimpleType.BOOL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(error);
  }

  @Test
  void compilesWhatKubernetesOffers() throws Exception {
    // Arrange
    String expression = "request.userInfo.?groups.orValue([]).exists(g, g in ' a, b '.split(',').map(s, s.trim()))"
        + " && sets.intersects(['a'], ['a', 'b']) && variables.limit == 2";

    // Act
    KubernetesCel.Compiled compiled =
        CEL.compile(expression, Map.of("limit", SimpleType.INT), true, SimpleType.BOOL);

    // Assert
    assertThat(compiled.eval(Map.of(
        "request", Map.of("userInfo", Map.of("username", "alice", "groups", List.of("b"))),
        "variables", Map.of("limit", 2L)))).isEqualTo(true);
  }
}
