package io.debugsession.plugin;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * What the commands take from outside the cluster: where they write, what they read for {@code -}, how they run
 * {@code kubectl attach}, the time, and how often they look at a session while waiting. Tests pass their own.
 */
public record PluginEnvironment(PrintWriter out, PrintWriter err, InputStream stdin, CommandRunner commands,
    Clock clock, Duration pollInterval) {

  public static PluginEnvironment system() {
    return new PluginEnvironment(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.in, new ProcessCommandRunner(),
        Clock.systemUTC(), Duration.ofMillis(500));
  }
}
