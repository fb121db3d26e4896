package io.debugsession.operator.policy;

import io.debugsession.operator.api.v1alpha1.DebugPolicy;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DebugPolicies written as the YAML of their spec, read the way the operator's client reads them. */
final class PolicyFixtures {

  static final String SHA256 = "sha256:37f7b378a29ceb4c551b1b5582e27747b855bbfaa73fa11914fe0df028dc581f";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PolicyFixtures() {}

  /** A DebugPolicy named {@code name} whose spec is {@code specYaml} (flow or block style). */
  static DebugPolicy policy(String name, String specYaml) {
    String yaml = """
        apiVersion: debugsession.io/v1alpha1
        kind: DebugPolicy
        metadata:
          name: %s
        spec:
        %s""".formatted(name, specYaml.indent(2));
    return SERIALIZATION.unmarshal(yaml, DebugPolicy.class);
  }

  /** Policies named a, b and c for the specs given, skipping null specs (an empty table cell). */
  static List<DebugPolicy> policies(String... specs) {
    List<DebugPolicy> policies = new ArrayList<>();
    for (int i = 0; i < specs.length; i++) {
      if (specs[i] != null) {
        policies.add(policy(String.valueOf((char) ('a' + i)), specs[i]));
      }
    }
    return policies;
  }

  static DebugSessionSpec session(String image, Profile profile, String ttl) {
    DebugSessionSpec spec = new DebugSessionSpec();
    spec.setTarget(new TargetSpec("checkout", "app"));
    spec.setImage(image);
    spec.setProfile(profile);
    spec.setTtl(ttl);
    spec.setReason("INC-4711");
    return spec;
  }

  /** Labels written as {@code team=payments,env=prod}; null or blank is none. */
  static Map<String, String> labels(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (text != null && !text.isBlank()) {
      Arrays.stream(text.split(",")).map(l -> l.trim().split("=", 2)).forEach(kv -> labels.put(kv[0], kv[1]));
    }
    return labels;
  }

  /** A list written as {@code a;b;c}; null or blank is empty. */
  static List<String> list(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(";")).map(String::trim).toList();
  }
}
