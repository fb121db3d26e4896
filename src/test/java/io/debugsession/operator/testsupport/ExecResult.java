package io.debugsession.operator.testsupport;

/**
 * What the process of an exec produced, as a test plays it: the bytes for the stdout and stderr channels and the exit code sent on
 * the error channel.
 */
public record ExecResult(String stdout, String stderr, int exitCode) {

  public ExecResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }

  public static ExecResult success(String stdout) {
    return new ExecResult(stdout, "", 0);
  }

  public static ExecResult exit(int exitCode, String stdout, String stderr) {
    return new ExecResult(stdout, stderr, exitCode);
  }
}
