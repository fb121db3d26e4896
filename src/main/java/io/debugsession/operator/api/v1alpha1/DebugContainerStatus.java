package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The debug container's state, copied from the pod's status.ephemeralContainerStatuses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DebugContainerStatus {

  @JsonPropertyDescription("Waiting, Running or Terminated; Unknown until the kubelet reports it.")
  private String state;

  @JsonPropertyDescription("The kubelet's reason for that state, e.g. ImagePullBackOff, Completed, Error.")
  private String reason;

  @JsonPropertyDescription("Exit code of the debug container once it terminated.")
  private Integer exitCode;

  @JsonPropertyDescription("The image the debug container actually runs, with its digest, as the kubelet resolved it.")
  private String imageID;

  public DebugContainerStatus() {}

  public DebugContainerStatus(String state, String reason, Integer exitCode, String imageID) {
    this.state = state;
    this.reason = reason;
    this.exitCode = exitCode;
    this.imageID = imageID;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public Integer getExitCode() {
    return exitCode;
  }

  public void setExitCode(Integer exitCode) {
    this.exitCode = exitCode;
  }

  public String getImageID() {
    return imageID;
  }

  public void setImageID(String imageID) {
    this.imageID = imageID;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DebugContainerStatus s
        && Objects.equals(state, s.state)
        && Objects.equals(reason, s.reason)
        && Objects.equals(exitCode, s.exitCode)
        && Objects.equals(imageID, s.imageID);
  }

  @Override
  public int hashCode() {
    return Objects.hash(state, reason, exitCode, imageID);
  }
}
