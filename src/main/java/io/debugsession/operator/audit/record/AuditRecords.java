package io.debugsession.operator.audit.record;

import io.debugsession.operator.api.v1alpha1.DebugContainerStatus;
import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.Profile;
import io.debugsession.operator.api.v1alpha1.TargetSpec;
import io.debugsession.operator.container.SecurityProfiles;
import java.time.Instant;

/**
 * Records about a DebugSession, filled from what its spec and status know at the time. The caller adds what only
 * the moment knows (outcome, message) and chains the record.
 */
public final class AuditRecords {

  private AuditRecords() {}

  /** A builder for {@code event} about {@code session} at {@code time}, with a fresh recordId. */
  public static AuditRecordBuilder about(AuditEvent event, DebugSession session, Instant time,
      String operatorVersion) {
    DebugSessionSpec spec = session.getSpec() == null ? new DebugSessionSpec() : session.getSpec();
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    TargetSpec target = spec.getTarget() == null ? new TargetSpec() : spec.getTarget();
    DebugContainerStatus container = status.getDebugContainer();
    Profile profile = spec.profileOrDefault();
    return AuditRecord.builder(event)
        .time(time)
        .session(session.getMetadata().getUid(), session.getMetadata().getNamespace(),
            session.getMetadata().getName())
        .requester(firstOf(status.getRequester(), spec.getRequester()), status.getRequesterVerified())
        .approver(firstOf(status.getApprover(), spec.getApproval() == null ? null : spec.getApproval().getApprover()))
        .endedBy(status.getEndedBy(), status.getEndedByVerified())
        .target(firstOf(status.getPodName(), target.getPod()), status.getPodUID(),
            firstOf(status.getTargetContainer(), target.getContainer()))
        .debugContainer(status.getContainerName(), spec.getImage(),
            container == null ? null : ImageDigest.of(container.getImageID()))
        .profile(profile.value())
        .securityContext(SecurityProfiles.securityContextFor(profile))
        .reason(spec.getReason())
        .ttl(firstOf(status.getTtl(), spec.getTtl()))
        .times(status.getStartedAt(), status.getExpiresAt(), status.getEndedAt())
        .endReason(status.getEndReason())
        .exitCode(container == null ? null : container.getExitCode())
        .policies(status.getPolicies())
        .operatorVersion(operatorVersion);
  }

  private static String firstOf(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }
}
