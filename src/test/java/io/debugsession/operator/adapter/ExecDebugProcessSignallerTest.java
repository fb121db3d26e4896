package io.debugsession.operator.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.debugsession.operator.lifecycle.SignalResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the output of the stop script run through pods/exec is read. */
class ExecDebugProcessSignallerTest {

  @Test
  void successfulStopReportsTheProcessesSignalled() {
    SignalResult result = ExecDebugProcessSignaller.interpret(0, "debugsession-stop signal=TERM signalled=3", "");

    assertThat(result).isEqualTo(SignalResult.delivered(3));
  }

  @Test
  void stopThatFoundNothingToSignalIsStillDelivered() {
    SignalResult result = ExecDebugProcessSignaller.interpret(0, "debugsession-stop signal=KILL signalled=0", "");

    assertThat(result).isEqualTo(SignalResult.delivered(0));
  }

  @Test
  void unreadableMountNamespaceIsAFailureInTheScriptsWords() {
    SignalResult result =
        ExecDebugProcessSignaller.interpret(3, "debugsession-stop error=cannot-read-own-mount-namespace", "");

    assertThat(result).isEqualTo(SignalResult.failed(
        "stop script exited with code 3: debugsession-stop error=cannot-read-own-mount-namespace"));
  }

  @ParameterizedTest(name = "exit {0}")
  @CsvSource(delimiter = '|', value = {
      "126 | OCI runtime exec failed: exec failed: unable to start container process: permission denied",
      "127 | OCI runtime exec failed: exec: \"sh\": executable file not found in $PATH",
  })
  void imageWithoutAUsableShellIsAFailureWithTheCode(int exitCode, String stderr) {
    SignalResult result = ExecDebugProcessSignaller.interpret(exitCode, "", stderr);

    assertThat(result).isEqualTo(SignalResult.failed("stop script exited with code " + exitCode + ": " + stderr));
  }

  @Test
  void reportWithoutSuccessIsNotTrusted() {
    SignalResult result = ExecDebugProcessSignaller.interpret(1, "debugsession-stop signal=TERM signalled=3", "");

    assertThat(result).isEqualTo(SignalResult.failed(
        "stop script exited with code 1: debugsession-stop signal=TERM signalled=3"));
  }

  @Test
  void successWithoutAReportIsAFailure() {
    SignalResult result = ExecDebugProcessSignaller.interpret(0, "", "");

    assertThat(result).isEqualTo(SignalResult.failed("stop script exited with code 0"));
  }

  @Test
  void missingExitCodeIsAFailure() {
    SignalResult result = ExecDebugProcessSignaller.interpret(null, "", "connection closed");

    assertThat(result).isEqualTo(SignalResult.failed("stop script exited with no code: connection closed"));
  }
}
