package io.debugsession.plugin;

import io.debugsession.operator.audit.verify.ChainProblem;
import io.debugsession.operator.audit.verify.VerificationReport;

/** How {@code audit verify} reports a broken chain: where, what kind, the verifier's sentence, and what held. */
final class VerificationText {

  private VerificationText() {}

  static String broken(VerificationReport report, String source) {
    ChainProblem p = report.firstProblem();
    StringBuilder out = new StringBuilder();
    out.append("BROKEN: ").append(source).append(", line ").append(p.position());
    if (p.sequence() != null) {
      out.append(", record ").append(p.sequence());
    }
    if (p.recordId() != null) {
      out.append(" (recordId ").append(p.recordId()).append(')');
    }
    out.append(": ").append(p.kind()).append('\n');
    out.append("  ").append(p.message()).append('\n');
    out.append("  Intact before it: ").append(report.recordsVerified())
        .append(report.recordsVerified() == 1 ? " record" : " records").append(", up to sequence ")
        .append(report.reached().sequence()).append(" with hash ").append(report.reached().hash()).append('\n');
    return out.toString();
  }
}
