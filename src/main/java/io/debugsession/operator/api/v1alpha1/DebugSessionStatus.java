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

  @JsonPropertyDescription("Pending, AwaitingApproval, Active, Expired, Ended, Failed or Denied. Expired, Ended, Failed and Denied are "
      + "final.")
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

  @JsonPropertyDescription("When the session reached Expired, Ended, Failed or Denied (RFC 3339).")
  private String endedAt;

  @JsonPropertyDescription(
      "Why the session ended: Expired, EndRequested, DebugContainerExited, TargetPodDeleted, TargetPodReplaced, "
          + "SessionDeleted, or the cause of a failure.")
  private String endReason;

  @JsonPropertyDescription("The debug container as the kubelet reports it in the pod's ephemeralContainerStatuses.")
  private DebugContainerStatus debugContainer;

  @JsonPropertyDescription("Progress of stopping the debug container at expiry, on end or on deletion.")
  private StopStatus stop;

  @JsonPropertyDescription("Who asked, from spec.requester: verified by the debugsession-identity admission policy when requesterVerified is true.")
  private String requester;

  @JsonPropertyDescription("Whether the API server verified the requester: the debugsession-identity admission policy "
      + "was in force as shipped when the session was decided.")
  private Boolean requesterVerified;

  @JsonPropertyDescription(
      "The approver whose decision counted: who approved, when a policy required approval, or who denied.")
  private String approver;

  @JsonPropertyDescription(
      "Who may approve, deny or end this session besides its requester, by the governing DebugPolicies that require "
          + "approval, when the session was decided: someone listed in every entry (by user, or by a group).")
  private List<PolicyApprovers> approvers;

  @JsonPropertyDescription("Who asked to end the session early: spec.endedBy, or the requester when it is omitted.")
  private String endedBy;

  @JsonPropertyDescription(
      "Whether the API server verified endedBy (the identity admission policy was in force when the end was asked "
          + "for).")
  private Boolean endedByVerified;

  @JsonPropertyDescription("When the operator accepted the approval (RFC 3339).")
  private String approvedAt;

  @JsonPropertyDescription("Until when the session waits for approval before it is Denied (RFC 3339).")
  private String approvalExpiresAt;

  @JsonPropertyDescription("The DebugPolicies that governed this session (strictest wins), or built-in default.")
  private java.util.List<String> policies;

  @JsonPropertyDescription("The TTL in force: spec.ttl, or the policy default when omitted.")
  private String ttl;

  @JsonPropertyDescription("What the governing policy said happens at expiry when the session started: Stop or StopAndEvict.")
  private String onExpiry;

  @JsonPropertyDescription("What the governing policy said happens when a stop fails, when the session started: Report or Evict.")
  private String onStopFailure;

  @JsonPropertyDescription("The pod eviction at expiry, under a StopAndEvict policy.")
  private EvictionStatus eviction;

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

  public String getRequester() {
    return requester;
  }

  public void setRequester(String requester) {
    this.requester = requester;
  }

  public Boolean getRequesterVerified() {
    return requesterVerified;
  }

  public void setRequesterVerified(Boolean requesterVerified) {
    this.requesterVerified = requesterVerified;
  }

  public String getApprover() {
    return approver;
  }

  public void setApprover(String approver) {
    this.approver = approver;
  }

  public List<PolicyApprovers> getApprovers() {
    return approvers;
  }

  public void setApprovers(List<PolicyApprovers> approvers) {
    this.approvers = approvers;
  }

  public String getEndedBy() {
    return endedBy;
  }

  public void setEndedBy(String endedBy) {
    this.endedBy = endedBy;
  }

  public Boolean getEndedByVerified() {
    return endedByVerified;
  }

  public void setEndedByVerified(Boolean endedByVerified) {
    this.endedByVerified = endedByVerified;
  }

  public String getApprovedAt() {
    return approvedAt;
  }

  public void setApprovedAt(String approvedAt) {
    this.approvedAt = approvedAt;
  }

  public String getApprovalExpiresAt() {
    return approvalExpiresAt;
  }

  public void setApprovalExpiresAt(String approvalExpiresAt) {
    this.approvalExpiresAt = approvalExpiresAt;
  }

  public java.util.List<String> getPolicies() {
    return policies;
  }

  public void setPolicies(java.util.List<String> policies) {
    this.policies = policies;
  }

  public String getTtl() {
    return ttl;
  }

  public void setTtl(String ttl) {
    this.ttl = ttl;
  }

  public String getOnExpiry() {
    return onExpiry;
  }

  public void setOnExpiry(String onExpiry) {
    this.onExpiry = onExpiry;
  }

  public String getOnStopFailure() {
    return onStopFailure;
  }

  public void setOnStopFailure(String onStopFailure) {
    this.onStopFailure = onStopFailure;
  }

  public EvictionStatus getEviction() {
    return eviction;
  }

  public void setEviction(EvictionStatus eviction) {
    this.eviction = eviction;
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
        && Objects.equals(stop, s.stop)
        && Objects.equals(requester, s.requester)
        && Objects.equals(requesterVerified, s.requesterVerified)
        && Objects.equals(approver, s.approver)
        && Objects.equals(approvers, s.approvers)
        && Objects.equals(endedBy, s.endedBy)
        && Objects.equals(endedByVerified, s.endedByVerified)
        && Objects.equals(approvedAt, s.approvedAt)
        && Objects.equals(approvalExpiresAt, s.approvalExpiresAt)
        && Objects.equals(policies, s.policies)
        && Objects.equals(ttl, s.ttl)
        && Objects.equals(onExpiry, s.onExpiry)
        && Objects.equals(onStopFailure, s.onStopFailure)
        && Objects.equals(eviction, s.eviction);
  }

  @Override
  public int hashCode() {
    return Objects.hash(phase, message, podName, containerName, expiresAt, endedAt);
  }
}
