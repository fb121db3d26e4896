package io.debugsession.operator.container;

import java.util.List;

/**
 * The shell the operator puts around the debugger (layer 1) and execs into it at expiry (layer 2).
 *
 * <p>The debugger shares the target's PID namespace, where PID 1 is the application. Both layers therefore pick the
 * processes to signal by <em>cgroup</em>: only a process whose {@code /proc/<pid>/cgroup} reads exactly as the
 * signalling shell's own belongs to the debug container, because the runtime puts every process of a container, and
 * of every exec into it, in that container's cgroup. The kernel keeps that membership; a process cannot leave it
 * without write access to the cgroup filesystem, which the runtime mounts read-only into an unprivileged container
 * (a debugger with CAP_SYS_ADMIN can remount it: the README says what a policy must not grant). Unlike a mount
 * namespace, which a root user leaves with {@code unshare -m}, the cgroup follows the debugger wherever it hides;
 * unlike names or command lines, it cannot be forged. The application is in its own container's cgroup and is never
 * selected; a process whose cgroup cannot be read is skipped.
 *
 * <p>The signal function uses shell builtins only ({@code read}, {@code kill}, {@code [}, {@code echo}): a root user
 * can put a {@code readlink} or {@code expr} of their own first in PATH, or over the one in /bin, but cannot change the
 * builtins of the {@code /bin/sh} that runs. A replaced {@code /bin/sh} can still print what it likes, which is why
 * the operator believes only the kubelet's report that the container terminated.
 *
 * <p>Kubernetes expands {@code $(VAR)} and turns {@code $$} into {@code $} in a container's command and args, so these
 * scripts use neither (backquotes for command substitution, {@code /proc/self} read by the shell itself for its PID,
 * no arithmetic expansion).
 */
public final class DebugProcessScripts {

  public static final String WRAPPER_NAME = "debugsession-wrapper";
  public static final String STOP_NAME = "debugsession-stop";
  public static final String ENV_EXPIRES_AT = "DEBUGSESSION_EXPIRES_AT";
  public static final String ENV_GRACE_SECONDS = "DEBUGSESSION_GRACE_SECONDS";
  /** Exit code of the wrapper when started after the deadline (the code {@code timeout(1)} uses). */
  public static final int EXIT_DEADLINE_PASSED = 124;

  /**
   * Defines {@code debugsession_signal SIG}: sends SIG to every process of this shell's cgroup except the shell itself,
   * and prints {@code debugsession-stop signal=SIG signalled=N}. Exit 3 when the shell cannot read its own cgroup
   * (nothing is signalled then). The report is a hint: a root user who replaced the shell can print anything.
   *
   * <p>TERM spares the calling shell's parent (the wrapper, for the watchdog) and every process whose parent is
   * outside the pod's PID namespace ({@code PPid: 0}): the container's first process, the wrapper, and the first
   * process of any exec, this one's included. When the wrapper dies the runtime SIGKILLs everything left in the
   * container at once, so a TERM that reached it would deny the debugger its TERM and its grace period. Spared, the
   * wrapper exits with the debugger's status once the debugger has ended.
   *
   * <p>KILL spares nothing but the calling shell: it reaches the container's first process, the wrapper, whether it
   * comes from the watchdog (the wrapper's child) or from pods/exec; once the first process is gone the runtime kills
   * whatever is left in the container's cgroup.
   *
   * <p>{@code debugsession_cgroup DIR} sets {@code cg} to the lines of {@code DIR/cgroup} joined, or to nothing when
   * the file cannot be read (the process is gone). The count is kept as a string of 1s ({@code ${#n}} is its length):
   * arithmetic expansion would start with the {@code $(} the kubelet expands.
   */
  static final String SIGNAL_FUNCTION = """
      debugsession_cgroup() {
        cg=
        { while read -r line; do cg="$cg $line"; done < "$1/cgroup"; } 2>/dev/null
      }
      debugsession_signal() {
        read -r me comm state parent rest < /proc/self/stat
        debugsession_cgroup /proc/self
        own="$cg"
        if [ -z "$own" ]; then echo "debugsession-stop error=cannot-read-own-cgroup"; return 3; fi
        n=
        for d in /proc/[0-9]*; do
          p=${d#/proc/}
          [ "$p" = "$me" ] && continue
          debugsession_cgroup "$d"
          [ "$cg" = "$own" ] || continue
          if [ "$1" = TERM ]; then
            [ "$p" = "$parent" ] && continue
            ppid=
            { while read -r key value; do [ "$key" = PPid: ] && ppid="$value" && break; done < "$d/status"; } 2>/dev/null
            [ "$ppid" = 0 ] && continue
          fi
          kill -"$1" "$p" 2>/dev/null && n="${n}1"
        done
        echo "debugsession-stop signal=$1 signalled=${#n}"
      }
      """;

  /** Layer 2: run by the operator through pods/exec, with the signal name as $1. */
  public static final String STOP_SCRIPT = SIGNAL_FUNCTION + "debugsession_signal \"$1\"\n";

  /** The watchdog the wrapper starts: sleeps until the deadline ($1 seconds), then TERM, grace ($2), KILL. */
  static final String WATCHDOG_SCRIPT = SIGNAL_FUNCTION + """
      sleep "$1"
      debugsession_signal TERM
      sleep "$2"
      debugsession_signal KILL
      """;

  /**
   * Layer 1: refuses to start after the deadline (saying so in the pod's status, through the termination log);
   * otherwise starts the watchdog in the background and runs the user's command in the foreground (keeping the
   * terminal and default signal handling), then exits with its status.
   * $1 is the watchdog script; the user's command follows.
   */
  static final String WRAPPER_SCRIPT = """
      watchdog="$1"; shift
      deadline="${DEBUGSESSION_EXPIRES_AT:?}"
      grace="${DEBUGSESSION_GRACE_SECONDS:-10}"
      now=`date +%s`
      if [ "$now" -ge "$deadline" ]; then
        refusal="debugsession: this session expired; the debug container does not start after its deadline"
        echo "$refusal" >&2
        [ -w /dev/termination-log ] && echo "$refusal" > /dev/termination-log
        exit 124
      fi
      /bin/sh -c "$watchdog" debugsession-watchdog `expr "$deadline" - "$now"` "$grace" </dev/null >/dev/null 2>&1 &
      "$@"
      exit $?
      """;

  private DebugProcessScripts() {}

  /**
   * The container command: the wrapper, ready to receive the user's command as further arguments. {@code /bin/sh} by
   * absolute path, as for the stop: which shell runs must not depend on the image's PATH.
   */
  public static List<String> wrapperCommand() {
    return List.of("/bin/sh", "-c", WRAPPER_SCRIPT, WRAPPER_NAME, WATCHDOG_SCRIPT);
  }

  /**
   * The exec command of layer 2 for {@code signal} (TERM or KILL): {@code /bin/sh} by absolute path, so that a
   * {@code sh} put earlier in the container's PATH is not what runs (a replaced /bin/sh still is: see the README).
   */
  public static List<String> stopCommand(String signal) {
    return List.of("/bin/sh", "-c", STOP_SCRIPT, STOP_NAME, signal);
  }
}
