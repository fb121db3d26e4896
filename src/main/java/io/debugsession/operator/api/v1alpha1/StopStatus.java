package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * Progress of the operator's own stop (layer 2): TERM, then KILL after a grace period, each recorded; and, while the
 * kubelet still reports the container running after KILL, when that was first seen and how often KILL was sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StopStatus {

  @JsonPropertyDescription("Why the debug container is being stopped: Expired, EndRequested or SessionDeleted.")
  private String cause;

  @JsonPropertyDescription("When the operator sent SIGTERM to the debug container's processes (RFC 3339).")
  private String termSentAt;

  @JsonPropertyDescription("When the operator sent SIGKILL to the debug container's processes (RFC 3339).")
  private String killSentAt;

  @JsonPropertyDescription("How many times the operator sent SIGKILL: retried with backoff while the container runs.")
  private Integer killAttempts;

  @JsonPropertyDescription(
      "When the kubelet was first seen reporting the debug container still running after SIGKILL (RFC 3339).")
  private String failingSince;

  @JsonPropertyDescription("How many processes the last signal reached, as the exec reported it: a hint, never proof.")
  private Integer signalledProcesses;

  @JsonPropertyDescription("The last error met while signalling, in the API server's or the container's words.")
  private String lastError;

  public String getCause() {
    return cause;
  }

  public void setCause(String cause) {
    this.cause = cause;
  }

  public String getTermSentAt() {
    return termSentAt;
  }

  public void setTermSentAt(String termSentAt) {
    this.termSentAt = termSentAt;
  }

  public String getKillSentAt() {
    return killSentAt;
  }

  public void setKillSentAt(String killSentAt) {
    this.killSentAt = killSentAt;
  }

  public Integer getKillAttempts() {
    return killAttempts;
  }

  public void setKillAttempts(Integer killAttempts) {
    this.killAttempts = killAttempts;
  }

  public String getFailingSince() {
    return failingSince;
  }

  public void setFailingSince(String failingSince) {
    this.failingSince = failingSince;
  }

  public Integer getSignalledProcesses() {
    return signalledProcesses;
  }

  public void setSignalledProcesses(Integer signalledProcesses) {
    this.signalledProcesses = signalledProcesses;
  }

  public String getLastError() {
    return lastError;
  }

  public void setLastError(String lastError) {
    this.lastError = lastError;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StopStatus s
        && Objects.equals(cause, s.cause)
        && Objects.equals(termSentAt, s.termSentAt)
        && Objects.equals(killSentAt, s.killSentAt)
        && Objects.equals(killAttempts, s.killAttempts)
        && Objects.equals(failingSince, s.failingSince)
        && Objects.equals(signalledProcesses, s.signalledProcesses)
        && Objects.equals(lastError, s.lastError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cause, termSentAt, killSentAt, signalledProcesses, lastError);
  }
}
