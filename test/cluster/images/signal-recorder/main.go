// Command signal-recorder is the distroless application of the end-to-end tests: a static binary in an image with
// no shell, which records every signal sent to it, one line per signal, on stdout ("signal SIGTERM", read with
// kubectl logs) and in /tmp/signals (read by a debugger through /proc/1/root/tmp/signals). It exits 0 after SIGTERM
// or SIGINT, like a real application; so "never restarted" and "no signal recorded" together prove that nobody
// signalled it.
//
// Two signals are not recorded, because no sender chose them: SIGURG, which the Go runtime sends itself to
// preempt goroutines, and SIGCHLD, which the kernel sends when an adopted child exits (the application is PID 1 of
// the PID namespace a debugger joins, so it inherits the debugger's orphans). Those children are reaped and logged
// as "reaped pid N".
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const recordFile = "/tmp/signals"

var names = map[syscall.Signal]string{
	syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT", syscall.SIGILL: "SIGILL",
	syscall.SIGTRAP: "SIGTRAP", syscall.SIGABRT: "SIGABRT", syscall.SIGBUS: "SIGBUS", syscall.SIGFPE: "SIGFPE",
	syscall.SIGUSR1: "SIGUSR1", syscall.SIGSEGV: "SIGSEGV", syscall.SIGUSR2: "SIGUSR2", syscall.SIGPIPE: "SIGPIPE",
	syscall.SIGALRM: "SIGALRM", syscall.SIGTERM: "SIGTERM", syscall.SIGSTKFLT: "SIGSTKFLT",
	syscall.SIGCONT: "SIGCONT", syscall.SIGTSTP: "SIGTSTP", syscall.SIGTTIN: "SIGTTIN", syscall.SIGTTOU: "SIGTTOU",
	syscall.SIGXCPU: "SIGXCPU", syscall.SIGXFSZ: "SIGXFSZ", syscall.SIGVTALRM: "SIGVTALRM",
	syscall.SIGPROF: "SIGPROF", syscall.SIGWINCH: "SIGWINCH", syscall.SIGIO: "SIGIO", syscall.SIGPWR: "SIGPWR",
	syscall.SIGSYS: "SIGSYS",
}

func main() {
	// Before the first signal can arrive, so that a reader never mistakes a missing file for "no signal yet".
	if err := os.WriteFile(recordFile, nil, 0o644); err != nil {
		fmt.Printf("cannot write %s (%v); recording on stdout only\n", recordFile, err)
	}
	signals := make(chan os.Signal, 64)
	signal.Notify(signals) // every signal that can be caught
	fmt.Printf("signal-recorder running as pid %d, uid %d\n", os.Getpid(), os.Getuid())
	for s := range signals {
		sig, _ := s.(syscall.Signal)
		switch sig {
		case syscall.SIGURG:
		case syscall.SIGCHLD:
			reap()
		default:
			record(sig)
			if sig == syscall.SIGTERM || sig == syscall.SIGINT {
				fmt.Println("exiting after", name(sig))
				os.Exit(0)
			}
		}
	}
}

func record(sig syscall.Signal) {
	line := "signal " + name(sig) + "\n"
	fmt.Print(line)
	f, err := os.OpenFile(recordFile, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString(line)
}

func name(sig syscall.Signal) string {
	if n, ok := names[sig]; ok {
		return n
	}
	return fmt.Sprintf("SIG%d", int(sig))
}

func reap() {
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
		if pid <= 0 || err != nil {
			return
		}
		fmt.Printf("reaped pid %d\n", pid)
	}
}
