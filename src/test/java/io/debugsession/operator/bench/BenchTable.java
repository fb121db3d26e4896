package io.debugsession.operator.bench;

import java.util.List;
import java.util.Map;

/** The benchmark's results as the markdown table docs/PERFORMANCE.md quotes. */
final class BenchTable {

  private BenchTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r) {
    StringBuilder md = new StringBuilder();
    Map<String, Object> machine = (Map<String, Object>) r.get("machine");
    md.append("Machine: ").append(machine.get("cpus")).append(" CPUs (").append(machine.get("cpuModel")).append("), ")
        .append(machine.get("memTotal")).append(", ").append(machine.get("java")).append(", kube-apiserver ")
        .append(machine.get("kubeApiServer")).append(", load at start ").append(machine.get("loadAverageAtStart"))
        .append("\n\nTarget: ").append(machine.get("target")).append("\n\n");
    md.append("| measure | p50 | p95 | p99 | max / other |\n|---|---|---|---|---|\n");
    Map<String, Object> raw = (Map<String, Object>) r.get("rawEphemeralContainerWrite");
    Map<String, Object> direct = (Map<String, Object>) raw.get("direct");
    Map<String, Object> viaProxy = (Map<String, Object>) raw.get("throughProxy");
    Map<String, Object> latency = (Map<String, Object>) r.get("createToActive");
    row(md, "raw `ephemeralcontainers` write, direct (ms, n=" + direct.get("n") + ")", direct);
    row(md, "raw `ephemeralcontainers` write, through the counting proxy (ms)", viaProxy);
    row(md, "create → Active, one at a time (ms, n=" + latency.get("n") + ")", latency);
    md.append("| ratio create→Active / raw write through the proxy | ")
        .append(ratio(latency, viaProxy, "p50Ms")).append(" | ").append(ratio(latency, viaProxy, "p95Ms"))
        .append(" | ").append(ratio(latency, viaProxy, "p99Ms")).append(" | |\n");
    for (Map<String, Object> burst : (List<Map<String, Object>>) r.get("bursts")) {
      Map<String, Object> l = (Map<String, Object>) burst.get("createToActive");
      row(md, burst.get("sessions") + " created at once: create → Active (ms)", l);
      md.append("| ").append(burst.get("sessions")).append(" at once: throughput | | | | ")
          .append(burst.get("activePerSecond")).append(" Active/s (all Active after ")
          .append(burst.get("allActiveSeconds")).append(" s) |\n");
      Map<String, Object> req = (Map<String, Object>) burst.get("requests");
      md.append("| API requests per Active session per minute, ").append(burst.get("activeSessionsDuringWindow"))
          .append(" Active | | | | ").append(req.get("perSessionPerMinute")).append(" (").append(req.get("requests"))
          .append(" in ").append(req.get("windowSeconds")).append(" s) |\n");
      Map<String, Object> mem = (Map<String, Object>) burst.get("memoryWithAllActive");
      md.append("| operator memory, ").append(burst.get("activeSessionsDuringWindow")).append(" Active | | | | RSS ")
          .append(mem.get("rssMiB")).append(" MiB, heap after full GC ").append(mem.get("heapUsedAfterFullGcMiB"))
          .append(" MiB |\n");
      if (burst.containsKey("expiry")) {
        Map<String, Object> e = (Map<String, Object>) burst.get("expiry");
        row(md, "expiry lateness (Expired seen − expiresAt), " + e.get("sessions") + " sessions (ms)", e);
        Map<String, Object> cost = (Map<String, Object>) e.get("requestsWhileExpiring");
        md.append("| API requests per session, first expiresAt to last Expired | | | | ").append(cost.get("perSession"))
            .append(" (").append(cost.get("requests")).append(" in ").append(cost.get("seconds")).append(" s) |\n");
      }
    }
    Map<String, Object> idleReq = (Map<String, Object>) r.get("idleRequests");
    md.append("| API requests per minute, no session | | | | ").append(idleReq.get("perMinute")).append(" |\n");
    memoryRow(md, "operator memory, idle after start", (Map<String, Object>) r.get("idle"));
    Map<String, Object> cycles = (Map<String, Object>) r.get("cycles");
    for (Map<String, Object> c : (List<Map<String, Object>>) cycles.get("checkpoints")) {
      memoryRow(md, "operator memory after " + c.get("cycles") + " cycles (" + cycles.get("mode") + "; "
          + c.get("seconds") + " s, load " + c.get("loadAverage") + ")", c);
    }
    md.append("| JVM start → ready (/q/health/ready) | | | | ").append(r.get("startToReadyMs")).append(" ms |\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String label, Map<String, Object> p) {
    md.append("| ").append(label).append(" | ").append(p.get("p50Ms")).append(" | ").append(p.get("p95Ms"))
        .append(" | ").append(p.get("p99Ms")).append(" | max ").append(p.get("maxMs")).append(" |\n");
  }

  private static void memoryRow(StringBuilder md, String label, Map<String, Object> m) {
    md.append("| ").append(label).append(" | | | | RSS ").append(m.get("rssMiB")).append(" MiB, heap after full GC ")
        .append(m.get("heapUsedAfterFullGcMiB")).append(" MiB |\n");
  }

  private static String ratio(Map<String, Object> a, Map<String, Object> b, String key) {
    return String.format("%.1f×", ((Number) a.get(key)).doubleValue() / ((Number) b.get(key)).doubleValue());
  }
}
