package io.debugsession.plugin;

import java.util.List;

/** Runs another program (kubectl) in the user's terminal and returns its exit code. */
@FunctionalInterface
public interface CommandRunner {

  int run(List<String> command);
}
