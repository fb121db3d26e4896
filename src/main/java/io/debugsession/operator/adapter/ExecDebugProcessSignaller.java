package io.debugsession.operator.adapter;

import io.debugsession.operator.container.DebugProcessScripts;
import io.debugsession.operator.lifecycle.SignalResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@link DebugProcessScripts#STOP_SCRIPT} in the debug container through {@code pods/exec}. The script selects
 * processes by the debug container's cgroup, so the application sharing its PID namespace is never signalled.
 *
 * <p>Its client does not retry: fabric8 retries a refused or lost exec upgrade (a 5xx, a 504) by itself, up to ten
 * times with a doubling backoff (about 100 s), which blocked the reconcile and hid each failure from the status. One
 * exec per attempt; the operator retries KILL on its own capped backoff and reports every failure.
 */
public class ExecDebugProcessSignaller implements DebugProcessSignaller {

  private static final Pattern REPORT = Pattern.compile("debugsession-stop signal=\\w+ signalled=(\\d+)");

  private final KubernetesClient client;
  private final Duration timeout;

  public ExecDebugProcessSignaller(KubernetesClient client, Duration timeout) {
    this.client = client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0).build()).adapt(KubernetesClient.class);
    this.timeout = timeout;
  }

  @Override
  public SignalResult signal(String namespace, String pod, String container, String signal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] command = DebugProcessScripts.stopCommand(signal).toArray(String[]::new);
    try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
        .writingOutput(out).writingError(err).exec(command)) {
      Integer exitCode = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return interpret(exitCode, text(out), text(err));
    } catch (KubernetesClientException e) {
      return SignalResult.failed(describeRefusal(e));
    } catch (TimeoutException e) {
      return SignalResult.failed("exec did not finish within " + timeout.toSeconds() + "s");
    } catch (ExecutionException e) {
      return SignalResult.failed("exec failed: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SignalResult.failed("interrupted while signalling");
    }
  }

  static SignalResult interpret(Integer exitCode, String stdout, String stderr) {
    Matcher m = REPORT.matcher(stdout);
    if (exitCode != null && exitCode == 0 && m.find()) {
      return SignalResult.delivered(Integer.parseInt(m.group(1)));
    }
    String detail = (stdout + " " + stderr).trim();
    return SignalResult.failed("stop script exited with " + (exitCode == null ? "no code" : "code " + exitCode)
        + (detail.isEmpty() ? "" : ": " + detail));
  }

  /**
   * fabric8 7.5 reports a refused exec upgrade as code -1 "An error has occurred." and keeps the HTTP status only
   * on the handshake exception underneath (the body is lost), so dig it out: "HTTP 403" tells an operator-on-call
   * far more than -1.
   */
  static String describeRefusal(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "exec refused (HTTP " + e.getCode() + "): " + e.getStatus().getMessage();
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
        return "exec refused (HTTP " + handshake.getResponse().code() + ")";
      }
    }
    return "exec failed: " + e.getMessage();
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8).trim();
  }
}
