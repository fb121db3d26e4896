package io.debugsession.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The pod's eviction: at expiry under a StopAndEvict policy, or when a stop fails under an Evict policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvictionStatus {

  @JsonPropertyDescription("When the operator first asked the Eviction API to evict the pod (RFC 3339).")
  private String firstAttemptAt;

  @JsonPropertyDescription("When the operator last asked the Eviction API to evict the pod (RFC 3339).")
  private String lastAttemptAt;

  @JsonPropertyDescription("When the eviction was accepted (RFC 3339).")
  private String evictedAt;

  @JsonPropertyDescription("Why the last attempt did not evict, e.g. a PodDisruptionBudget, in the API server's words.")
  private String blockedBy;

  public String getFirstAttemptAt() {
    return firstAttemptAt;
  }

  public void setFirstAttemptAt(String firstAttemptAt) {
    this.firstAttemptAt = firstAttemptAt;
  }

  public String getLastAttemptAt() {
    return lastAttemptAt;
  }

  public void setLastAttemptAt(String lastAttemptAt) {
    this.lastAttemptAt = lastAttemptAt;
  }

  public String getEvictedAt() {
    return evictedAt;
  }

  public void setEvictedAt(String evictedAt) {
    this.evictedAt = evictedAt;
  }

  public String getBlockedBy() {
    return blockedBy;
  }

  public void setBlockedBy(String blockedBy) {
    this.blockedBy = blockedBy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvictionStatus e && Objects.equals(firstAttemptAt, e.firstAttemptAt)
        && Objects.equals(lastAttemptAt, e.lastAttemptAt)
        && Objects.equals(evictedAt, e.evictedAt) && Objects.equals(blockedBy, e.blockedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(firstAttemptAt, evictedAt, blockedBy);
  }
}
