package io.debugsession.plugin;

import picocli.CommandLine.Command;

@Command(name = "audit", mixinStandardHelpOptions = true,
    subcommands = {AuditVerifyCommand.class, AuditHeadCommand.class},
    description = "Check the audit trail's hash chain: verify a stream of records, print the head in the cluster.")
final class AuditCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "audit needs a command: verify or head");
  }
}
