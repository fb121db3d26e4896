package io.debugsession.operator.policy;

import io.debugsession.operator.lifecycle.PolicyVerdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples in config/samples/ go together: the sample policy allows the sample session in namespace default. */
class SamplePolicyTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void samplePolicyAllowsTheSampleSessionInNamespaceDefault() throws IOException {
    // Arrange
    DebugPolicy policy = read("0-debugpolicy.yaml", DebugPolicy.class);
    DebugSession session = read("2-debugsession.yaml", DebugSession.class);

    // Act
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session.getSpec(), "default",
        Map.of("kubernetes.io/metadata.name", "default"), List.of(policy));

    // Assert
    assertThat(verdict.reasons()).isEmpty();
    assertThat(verdict.governedBy()).containsExactly("sample-sre-debugging");
    assertThat(verdict.ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void elsewhereTheBuiltInDefaultRefusesTheSampleSessionsProfile() throws IOException {
    // Arrange
    DebugPolicy policy = read("0-debugpolicy.yaml", DebugPolicy.class);
    DebugSession session = read("2-debugsession.yaml", DebugSession.class);

    // Act
    PolicyVerdict verdict = PolicyEvaluator.evaluate(session.getSpec(), "shop", Map.of(), List.of(policy));

    // Assert
    assertThat(verdict.reasons()).containsExactly("profile \"general\" is not allowed (allowed: baseline, "
        + "restricted; by the built-in default policy)");
  }

  private static <T> T read(String sample, Class<T> type) throws IOException {
    return SERIALIZATION.unmarshal(Files.readString(Path.of("config", "samples", sample)), type);
  }
}
