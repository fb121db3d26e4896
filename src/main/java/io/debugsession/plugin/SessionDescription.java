package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import io.debugsession.operator.api.v1alpha1.PolicyApprovers;
import io.debugsession.operator.status.ConditionType;
import io.debugsession.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code describe}'s text: what was asked, what governed it, a timeline (requested, approved by, injected, stopped
 * by which layer, how it ended) and the conditions. Built from the session alone, so it reads the same for the
 * requester, an approver and an auditor.
 */
final class SessionDescription {

  private record Entry(Instant at, String what) {}

  private SessionDescription() {}

  static String render(DebugSession session, Instant now) {
    DebugSessionSpec spec = session.getSpec();
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    StringBuilder out = new StringBuilder();
    field(out, "Name", session.getMetadata().getName());
    field(out, "Namespace", session.getMetadata().getNamespace());
    field(out, "Phase", status.getPhase() == null ? "Pending" : status.getPhase().name());
    field(out, "Message", status.getMessage());
    field(out, "Requester", requester(spec, status));
    field(out, "Reason", spec.getReason());
    field(out, "Target", "pod " + spec.getTarget().getPod() + ", container "
        + or(status.getTargetContainer(), or(spec.getTarget().getContainer(), "(the only one)")));
    field(out, "Image", spec.getImage());
    field(out, "Profile", spec.profileOrDefault().value());
    field(out, "Command", command(spec));
    field(out, "TTL", or(status.getTtl(), or(spec.getTtl(), "(policy default)")));
    field(out, "Debugger", status.getContainerName() == null ? null : debugger(status));
    boolean over = status.getPhase() != null && status.getPhase().isTerminal();
    field(out, "Expires", status.getExpiresAt() == null || over ? null
        : status.getExpiresAt() + " (" + HumanTime.relative(status.getExpiresAt(), now) + ")");
    field(out, "Policies", status.getPolicies() == null ? null : String.join(", ", status.getPolicies()));
    if (status.getApprovers() != null) {
      for (PolicyApprovers p : status.getApprovers()) {
        field(out, "Approvers", p.getPolicy() + ": " + ApproverHint.who(p));
      }
    }
    out.append("Timeline:\n");
    for (Entry e : timeline(session, status)) {
      out.append("  ").append(e.at()).append("  ").append(e.what()).append('\n');
    }
    out.append("Conditions:\n");
    if (status.getConditions().isEmpty()) {
      out.append("  <none>\n");
    } else {
      TextTable table = new TextTable(List.of("  TYPE", "STATUS", "REASON", "SINCE", "MESSAGE"));
      for (Condition c : status.getConditions()) {
        table.add(List.of("  " + c.getType(), c.getStatus(), or(c.getReason(), ""),
            HumanTime.age(c.getLastTransitionTime(), now), or(c.getMessage(), "")));
      }
      out.append(table.render());
    }
    return out.toString();
  }

  private static List<Entry> timeline(DebugSession session, DebugSessionStatus status) {
    DebugSessionSpec spec = session.getSpec();
    List<Entry> entries = new ArrayList<>();
    add(entries, session.getMetadata().getCreationTimestamp(), "Requested by " + or(spec.getRequester(), "?")
        + ": " + spec.getReason());
    if (status.getApprovedAt() != null) {
      add(entries, status.getApprovedAt(), "Approved by " + or(status.getApprover(), "?"));
    }
    add(entries, status.getStartedAt(), "Injected debug container " + status.getContainerName() + " into pod "
        + or(status.getPodName(), spec.getTarget().getPod()));
    Condition running = Conditions.find(status.getConditions(), ConditionType.DebugContainerRunning);
    if (running != null && "True".equals(running.getStatus())) {
      add(entries, running.getLastTransitionTime(), "Debug container running");
    }
    if (status.getStop() != null) {
      add(entries, status.getStop().getTermSentAt(), "Operator sent TERM (" + status.getStop().getCause() + ")");
      add(entries, status.getStop().getKillSentAt(), "Operator sent KILL ("
          + or(String.valueOf(status.getStop().getKillAttempts()), "1") + " attempts)");
    }
    if (status.getEviction() != null) {
      add(entries, status.getEviction().getEvictedAt(), "Pod evicted");
    }
    Condition stopped = Conditions.find(status.getConditions(), ConditionType.Stopped);
    if (stopped != null && "True".equals(stopped.getStatus())) {
      add(entries, stopped.getLastTransitionTime(), "Stopped by " + stopped.getReason() + ": " + stopped.getMessage());
    }
    if (status.getPhase() != null && status.getPhase().isTerminal()) {
      String by = status.getEndedBy() != null ? " by " + status.getEndedBy()
          : status.getPhase().name().equals("Denied") && status.getApprover() != null
              ? " by " + status.getApprover() : "";
      add(entries, status.getEndedAt(), status.getPhase() + by
          + (status.getEndReason() == null ? "" : " (" + status.getEndReason() + ")"));
    }
    entries.sort(Comparator.comparing(Entry::at)); // stable: same-second entries keep their causal order
    return entries;
  }

  private static void add(List<Entry> entries, String timestamp, String what) {
    Instant at = HumanTime.parse(timestamp);
    if (at != null) {
      entries.add(new Entry(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), what));
    }
  }


  private static String requester(DebugSessionSpec spec, DebugSessionStatus status) {
    String name = or(status.getRequester(), spec.getRequester());
    if (name == null || status.getRequesterVerified() == null) {
      return name;
    }
    return name + (status.getRequesterVerified() ? " (verified by the API server)" : " (not verified)");
  }

  private static String debugger(DebugSessionStatus status) {
    String state = status.getDebugContainer() == null ? "" : ", " + status.getDebugContainer().getState()
        + (status.getDebugContainer().getExitCode() == null ? ""
            : " (exit code " + status.getDebugContainer().getExitCode() + ")");
    return status.getContainerName() + state;
  }

  private static String command(DebugSessionSpec spec) {
    List<String> words = new ArrayList<>();
    if (spec.getCommand() != null) {
      words.addAll(spec.getCommand());
    }
    if (spec.getArgs() != null) {
      words.addAll(spec.getArgs());
    }
    return words.isEmpty() ? null : String.join(" ", words);
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value != null) {
      out.append(String.format("%-11s %s%n", name + ":", value));
    }
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
