package io.debugsession.plugin;

import io.debugsession.operator.api.v1alpha1.DebugSession;
import io.debugsession.operator.api.v1alpha1.DebugSessionSpec;
import io.debugsession.operator.api.v1alpha1.DebugSessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code list}'s table: one session a row; {@code wide} adds the debugger and the message, {@code -A} the namespace. */
final class SessionTable {

  private SessionTable() {}

  static String render(List<DebugSession> sessions, boolean wide, boolean allNamespaces, Instant now) {
    List<String> header = new ArrayList<>();
    if (allNamespaces) {
      header.add("NAMESPACE");
    }
    header.addAll(List.of("NAME", "PHASE", "REQUESTER", "POD", "EXPIRES", "AGE"));
    if (wide) {
      header.addAll(List.of("CONTAINER", "IMAGE", "PROFILE", "MESSAGE"));
    }
    TextTable table = new TextTable(header);
    for (DebugSession session : sessions) {
      table.add(row(session, wide, allNamespaces, now));
    }
    return table.render();
  }

  private static List<String> row(DebugSession session, boolean wide, boolean allNamespaces, Instant now) {
    DebugSessionSpec spec = session.getSpec();
    DebugSessionStatus status = session.getStatus() == null ? new DebugSessionStatus() : session.getStatus();
    List<String> row = new ArrayList<>();
    if (allNamespaces) {
      row.add(session.getMetadata().getNamespace());
    }
    row.add(session.getMetadata().getName());
    row.add(status.getPhase() == null ? "Pending" : status.getPhase().name());
    row.add(status.getRequester() != null ? status.getRequester() : spec == null ? null : spec.getRequester());
    row.add(spec == null || spec.getTarget() == null ? null : spec.getTarget().getPod());
    row.add(status.getPhase() != null && status.getPhase().isTerminal() ? "-"
        : HumanTime.relative(status.getExpiresAt(), now));
    row.add(HumanTime.age(session.getMetadata().getCreationTimestamp(), now));
    if (wide) {
      row.add(status.getContainerName());
      row.add(spec == null ? null : spec.getImage());
      row.add(spec == null ? null : spec.profileOrDefault().value());
      row.add(status.getMessage());
    }
    return row;
  }
}
