package io.debugsession.plugin;

import java.io.IOException;
import java.util.List;

/** Runs a program with this process's terminal (stdin, stdout, stderr), as a shell would, and waits for it. */
final class ProcessCommandRunner implements CommandRunner {

  @Override
  public int run(List<String> command) {
    try {
      return new ProcessBuilder(command).inheritIO().start().waitFor();
    } catch (IOException e) {
      throw new PluginException("could not run " + command.get(0) + ": " + e.getMessage()
          + " (is kubectl on your PATH?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PluginException("interrupted while " + command.get(0) + " was running");
    }
  }
}
