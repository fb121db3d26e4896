package io.debugsession.operator.lifecycle;

import java.time.Duration;
import java.util.List;

/**
 * Whether a session must be approved, by whom and how long it may wait. An approver must be authorised by every
 * set, one per governing DebugPolicy that requires approval.
 *
 * @param timeout null when no approval is required
 */
public record ApprovalRequirement(List<ApproverSet> approverSets, Duration timeout) {

  public static final ApprovalRequirement NONE = new ApprovalRequirement(List.of(), null);

  public ApprovalRequirement {
    approverSets = List.copyOf(approverSets);
  }

  public boolean required() {
    return !approverSets.isEmpty();
  }
}
