package io.debugsession.plugin;

import io.debugsession.operator.audit.record.ChainHead;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "head", mixinStandardHelpOptions = true,
    description = {"Print the audit chain's head stored in the cluster (the last record's sequence and hash),",
        "to anchor it somewhere the cluster's admins cannot write, and to verify a log against it."})
final class AuditHeadCommand extends ClusterCommand {

  @Option(names = "--operator-namespace", paramLabel = "NAMESPACE", defaultValue = ChainHeads.DEFAULT_NAMESPACE,
      description = "The operator's namespace (default: ${DEFAULT-VALUE}).")
  String operatorNamespace;

  @Option(names = "--config-map", paramLabel = "NAME", defaultValue = ChainHeads.DEFAULT_CONFIG_MAP,
      description = "The chain's ConfigMap (default: ${DEFAULT-VALUE}).")
  String configMap;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "json, or text (default): sequence, hash, and the head as --to-head takes it.")
  String output;

  AuditHeadCommand(PluginEnvironment env) {
    super(env);
  }

  @Override
  int run(ClusterConnection cluster) {
    ChainHead head = ChainHeads.read(cluster, operatorNamespace, configMap);
    if ("json".equals(output)) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("sequence", head.sequence());
      json.put("hash", head.hash());
      env.out().println(Json.write(json));
    } else if (output == null || "text".equals(output)) {
      env.out().println("sequence: " + head.sequence());
      env.out().println("hash:     " + head.hash());
      env.out().println("head:     " + ChainHeads.format(head));
    } else {
      throw new PluginException("unknown output format \"" + output + "\": use json or text");
    }
    return 0;
  }
}
