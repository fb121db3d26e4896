package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed and did. Deadlines live here so that an operator restart never loses them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DebugSessionStatus {

  @JsonPropertyDescription("Pending, Active, Expired, Ended or Failed. Expired, Ended and Failed are final.")
  private Phase phase;

  @JsonPropertyDescription("What happened last, for a person.")
  private String message;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Injected, DebugContainerRunning and Stopped conditions.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Name of the pod the debug container was added to.")
  private String podName;

  @JsonPropertyDescription("UID of that pod: a new pod with the same name is never touched by this session.")
  private String podUID;

  @JsonPropertyDescription("The container whose process namespace the debugger shares.")
  private String targetContainer;

  @JsonPropertyDescription("Name of the ephemeral debug container (kubectl attach -it <pod> -c <containerName>).")
  private String containerName;

  @JsonPropertyDescription("When the debug container was added (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription("When the session's TTL runs out and the debug container is stopped (RFC 3339).")
  private String expiresAt;

  @JsonPropertyDescription("When the session reached Expired, Ended or Failed (RFC 3339).")
  private String endedAt;

  @JsonPropertyDescription(
      "Why the session ended: Expired, EndRequested, DebugContainerExited, TargetPodDeleted, TargetPodReplaced, "
          + "SessionDeleted, or the cause of a failure.")
  private String endReason;

  @JsonPropertyDescription("The debug container as the kubelet reports it in the pod's ephemeralContainerStatuses.")
  private DebugContainerStatus debugContainer;

  @JsonPropertyDescription("Progress of stopping the debug container at expiry, on end or on deletion.")
  private StopStatus stop;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getPodUID() {
    return podUID;
  }

  public void setPodUID(String podUID) {
    this.podUID = podUID;
  }

  public String getTargetContainer() {
    return targetContainer;
  }

  public void setTargetContainer(String targetContainer) {
    this.targetContainer = targetContainer;
  }

  public String getContainerName() {
    return containerName;
  }

  public void setContainerName(String containerName) {
    this.containerName = containerName;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(String expiresAt) {
    this.expiresAt = expiresAt;
  }

  public String getEndedAt() {
    return endedAt;
  }

  public void setEndedAt(String endedAt) {
    this.endedAt = endedAt;
  }

  public String getEndReason() {
    return endReason;
  }

  public void setEndReason(String endReason) {
    this.endReason = endReason;
  }

  public DebugContainerStatus getDebugContainer() {
    return debugContainer;
  }

  public void setDebugContainer(DebugContainerStatus debugContainer) {
    this.debugContainer = debugContainer;
  }

  public StopStatus getStop() {
    return stop;
  }

  public void setStop(StopStatus stop) {
    this.stop = stop;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DebugSessionStatus s
        && phase == s.phase
        && Objects.equals(message, s.message)
        && Objects.equals(observedGeneration, s.observedGeneration)
        && Objects.equals(conditions, s.conditions)
        && Objects.equals(podName, s.podName)
        && Objects.equals(podUID, s.podUID)
        && Objects.equals(targetContainer, s.targetContainer)
        && Objects.equals(containerName, s.containerName)
        && Objects.equals(startedAt, s.startedAt)
        && Objects.equals(expiresAt, s.expiresAt)
        && Objects.equals(endedAt, s.endedAt)
        && Objects.equals(endReason, s.endReason)
        && Objects.equals(debugContainer, s.debugContainer)
        && Objects.equals(stop, s.stop);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, message, podName, containerName, expiresAt, endedAt);
  }
}
