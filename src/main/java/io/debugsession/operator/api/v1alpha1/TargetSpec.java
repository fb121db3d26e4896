package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** The pod (in the session's namespace) and the container within it that the debugger attaches to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetSpec {

  @Required
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @JsonPropertyDescription("Name of the target pod, in the DebugSession's namespace. It must be Running.")
  private String pod;

  @Size(min = 1, max = 63)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Name of the target container, whose process namespace the debugger shares. May be omitted when the pod "
          + "has exactly one container.")
  private String container;

  public TargetSpec() {}

  public TargetSpec(String pod, String container) {
    this.pod = pod;
    this.container = container;
  }

  public String getPod() {
    return pod;
  }

  public void setPod(String pod) {
    this.pod = pod;
  }

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetSpec other && Objects.equals(pod, other.pod) && Objects.equals(container, other.container);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pod, container);
  }
}
