package io.debugsession.plugin;

import io.debugsession.operator.audit.record.ChainHead;
import io.debugsession.operator.audit.verify.ChainProblem;
import io.debugsession.operator.audit.verify.ChainVerifier;
import io.debugsession.operator.audit.verify.VerificationReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a stream of audit records (JSON lines, as the log or the HTTP receiver has them) against "
        + "the hash chain, and say exactly where it breaks.",
        "Without --to-head or --cluster-head, records cut off the end cannot be noticed: compare with the head in "
            + "the cluster (read after the log)."})
final class AuditVerifyCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The records, one JSON line each; - for stdin.")
  String file;

  @Option(names = "--from-head", paramLabel = "SEQUENCE:HASH",
      description = "The log starts right after this head, one you already trust (default: the chain's start).")
  String fromHead;

  @ArgGroup(exclusive = true)
  EndHead endHead;

  static final class EndHead {
    @Option(names = "--to-head", paramLabel = "SEQUENCE:HASH", description = "The log must end exactly at this head.")
    String toHead;

    @Option(names = "--cluster-head",
        description = "The log must end exactly at the head stored in the cluster, read after the log.")
    boolean clusterHead;
  }

  @Option(names = "--skip-duplicates",
      description = "Skip records repeated verbatim (at-least-once delivery) instead of reporting them.")
  boolean skipDuplicates;

  @Option(names = "--operator-namespace", paramLabel = "NAMESPACE", defaultValue = ChainHeads.DEFAULT_NAMESPACE,
      description = "With --cluster-head: the operator's namespace (default: ${DEFAULT-VALUE}).")
  String operatorNamespace;

  @Mixin
  KubeOptions kube = new KubeOptions();

  private final PluginEnvironment env;

  AuditVerifyCommand(PluginEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    List<String> lines = read(); // before the head: every record the operator emitted was in the head before
    ChainVerifier verifier = fromHead == null ? ChainVerifier.fromGenesis()
        : ChainVerifier.startingAfter(ChainHeads.parse(fromHead));
    ChainHead end = endHead();
    if (end != null) {
      try {
        verifier = verifier.endingAt(end);
      } catch (IllegalArgumentException e) {
        throw new PluginException(e.getMessage());
      }
    }
    if (skipDuplicates) {
      verifier = verifier.skippingExactDuplicates();
    }
    VerificationReport report = verifier.verifyLines(lines.stream());
    if (report.ok()) {
      env.out().println("OK: " + report.summary());
      return 0;
    }
    env.err().print(VerificationText.broken(report, source()));
    return 1;
  }

  private ChainHead endHead() {
    if (endHead == null) {
      return null;
    }
    if (endHead.toHead != null) {
      return ChainHeads.parse(endHead.toHead);
    }
    try (ClusterConnection cluster = kube.connect()) {
      return ChainHeads.read(cluster, operatorNamespace, ChainHeads.DEFAULT_CONFIG_MAP);
    }
  }

  private List<String> read() throws IOException {
    if (file.equals("-")) {
      return new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8)).lines().toList();
    }
    try {
      return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PluginException("audit log " + file + " not found");
    }
  }

  private String source() {
    return file.equals("-") ? "stdin" : file;
  }
}
