package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * Where a DebugPolicy applies and what it allows. Every field is optional: one left out takes the built-in default's
 * value (policy.BuiltInPolicy), except images.allowed, whose absence allows any image.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DebugPolicySpec {

  /** A DNS-1123 label, as namespace names are. */
  private static final String NAMESPACE_NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @Size(min = 1, max = 256)
  @ValidationRule(
      value = "self.all(n, n.matches('" + NAMESPACE_NAME + "'))",
      message = "namespaces must be namespace names (lowercase letters, digits and '-', at most 63 characters)")
  @JsonPropertyDescription(
      "Names of the namespaces this policy governs. With namespaceSelector too, a namespace matching either is "
          + "governed; with neither, every namespace is.")
  private List<@Size(max = 63) String> namespaces;

  @SchemaFrom(type = NamespaceSelectorSchema.class)
  @JsonPropertyDescription(
      "Labels of the namespaces this policy governs (matchLabels and matchExpressions, as in a Deployment's "
          + "selector; an empty selector matches every namespace). With namespaces too, a namespace matching either "
          + "is governed; with neither, every namespace is.")
  private LabelSelector namespaceSelector;

  @JsonPropertyDescription("Which images a debug container may run.")
  private ImagePolicy images;

  @Size(min = 1, max = 5)
  @JsonPropertyDescription("Security profiles a session may use. Omitted: baseline and restricted.")
  private List<Profile> profiles;

  @JsonPropertyDescription("Default and maximum TTL of a session.")
  private TtlPolicy ttl;

  @JsonPropertyDescription("Whether a session waits for someone other than its requester to approve it, and who may.")
  private ApprovalPolicy approval;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription(
      "Most ephemeral containers a pod may hold before a new session into it is denied (1 to 100). They are never "
          + "removed and each one grows the pod object; only a new pod starts from none. Omitted: 10.")
  private Integer maxEphemeralContainersPerPod;

  @JsonPropertyDescription(
      "What happens when a session expires: Stop (stop the debug container) or StopAndEvict (stop it, then evict "
          + "the pod so that its controller replaces it with a clean one). Omitted: Stop.")
  private OnExpiry onExpiry;

  @JsonPropertyDescription(
      "What happens when the debug container still runs after the operator's SIGKILL (a root user can defeat the "
          + "in-container stop): Report (the session stays Active with a StopFailing condition, a Warning Event, a "
          + "metric and an audit record, and the KILL is retried with backoff) or Evict (all of that, and the pod is "
          + "evicted so that the kubelet stops every container in it). The session never ends while the kubelet "
          + "reports the container running. Omitted: Report.")
  private OnStopFailure onStopFailure;

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public ImagePolicy getImages() {
    return images;
  }

  public void setImages(ImagePolicy images) {
    this.images = images;
  }

  public List<Profile> getProfiles() {
    return profiles;
  }

  public void setProfiles(List<Profile> profiles) {
    this.profiles = profiles;
  }

  public TtlPolicy getTtl() {
    return ttl;
  }

  public void setTtl(TtlPolicy ttl) {
    this.ttl = ttl;
  }

  public ApprovalPolicy getApproval() {
    return approval;
  }

  public void setApproval(ApprovalPolicy approval) {
    this.approval = approval;
  }

  public Integer getMaxEphemeralContainersPerPod() {
    return maxEphemeralContainersPerPod;
  }

  public void setMaxEphemeralContainersPerPod(Integer maxEphemeralContainersPerPod) {
    this.maxEphemeralContainersPerPod = maxEphemeralContainersPerPod;
  }

  public OnExpiry getOnExpiry() {
    return onExpiry;
  }

  public void setOnExpiry(OnExpiry onExpiry) {
    this.onExpiry = onExpiry;
  }

  public OnStopFailure getOnStopFailure() {
    return onStopFailure;
  }

  public void setOnStopFailure(OnStopFailure onStopFailure) {
    this.onStopFailure = onStopFailure;
  }
}
