# Sourced by up.sh and down.sh: where a single-node cluster keeps its state, the host-wide names derived from that
# place, and how to stop it. Everything a cluster creates outside its state directory carries its id (a hash of the
# state directory), so that two clusters on one machine (a person's and the *E2E tests') never touch each other's
# processes, cgroups, network interfaces or files.

STATE="$(realpath -m "${DEBUGSESSION_CLUSTER_STATE:-$HOME/.local/state/debugsession-cluster}")"
ID="$(printf %s "$STATE" | sha256sum | cut -c1-8)"
# The kubelet's cgroup root, in every cgroup hierarchy: all pods' processes live below it.
CGROUP_ROOT="debugsession-$ID"
# The CNI bridge (at most 15 characters) and network name.
BRIDGE="dbgs-$ID"
NETWORK="debugsession-$ID"
# containerd's socket; kept short, a unix socket path has at most 107 characters.
CONTAINERD_SOCK="$STATE/run/containerd.sock"
# The processes up.sh starts, in start order; down.sh stops the kubelet first and etcd last.
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet)

log() { echo "[cluster $(date +%T)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The pid of a component, if it runs and is the one this state directory started (its command line names $STATE).
component_pid() {
  local pidfile="$STATE/run/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$STATE" || return 1
  echo "$pid"
}

all_components_running() {
  local c
  for c in "${COMPONENTS[@]}"; do component_pid "$c" > /dev/null || return 1; done
}

# Sends TERM to the pids, waits up to $STOP_WAIT seconds (default 10) for all of them, then KILLs what is left.
stop_pids() {
  local pid i alive
  kill -TERM "$@" 2> /dev/null || true
  for ((i = 0; i < ${STOP_WAIT:-10} * 10; i++)); do
    alive=""
    for pid in "$@"; do kill -0 "$pid" 2> /dev/null && alive+=" $pid"; done
    [[ -z "$alive" ]] && return 0
    sleep 0.1
  done
  # shellcheck disable=SC2086
  kill -KILL $alive 2> /dev/null || true
}

# The cgroup hierarchies the kubelet puts pods in: every mounted one (v1: cpu, memory, pids, name=systemd...; v2).
cgroup_hierarchies() {
  findmnt -rn -t cgroup,cgroup2 -o TARGET
}

# KILLs every process below this cluster's cgroup root (the pods' containers, whatever their shims did) and
# removes the cgroups, deepest first.
kill_pods_and_remove_cgroups() {
  local h pids
  for _ in 1 2 3 4 5; do
    pids=""
    for h in $(cgroup_hierarchies); do
      [[ -d "$h/$CGROUP_ROOT" ]] || continue
      pids+=" $(find "$h/$CGROUP_ROOT" -name cgroup.procs -exec cat {} + 2> /dev/null)"
    done
    [[ -z "${pids// /}" ]] && break
    # shellcheck disable=SC2086
    kill -KILL $pids 2> /dev/null || true
    sleep 0.2
  done
  for h in $(cgroup_hierarchies); do
    [[ -d "$h/$CGROUP_ROOT" ]] || continue
    find "$h/$CGROUP_ROOT" -depth -type d -exec rmdir {} + 2> /dev/null || true
    [[ -d "$h/$CGROUP_ROOT" ]] && log "could not remove the cgroup $h/$CGROUP_ROOT"
  done
  return 0
}

# Unmounts everything mounted below $STATE (the kubelet's root directory, pod volumes, container root
# filesystems, network namespaces), deepest first.
unmount_state() {
  local m
  for _ in 1 2 3; do
    mapfile -t mounts < <(awk -v s="$STATE/" 'index($5, s) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
    ((${#mounts[@]} == 0)) && return 0
    for m in "${mounts[@]}"; do
      umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null || true
    done
  done
  awk -v s="$STATE/" 'index($5, s) == 1 { print "still mounted: " $5 }' /proc/self/mountinfo >&2
}

# Stops every process of this cluster and removes what it created outside $STATE; leaves $STATE itself.
stop_cluster() {
  local c pid pids=()
  # The kubelet first, so that it does not start again what is killed next.
  if pid="$(component_pid kubelet)"; then log "stopping kubelet ($pid)"; stop_pids "$pid"; fi
  kill_pods_and_remove_cgroups
  # etcd last: kube-apiserver would wait for it while shutting down.
  for c in "${COMPONENTS[@]}"; do
    if [[ "$c" != etcd ]] && pid="$(component_pid "$c")"; then pids+=("$pid"); fi
  done
  if ((${#pids[@]} > 0)); then log "stopping the control plane and containerd (${pids[*]})"; stop_pids "${pids[@]}"; fi
  if pid="$(component_pid etcd)"; then log "stopping etcd ($pid)"; stop_pids "$pid"; fi
  # The runc shims of this containerd: with their containers gone they only wait for containerd, also after
  # containerd has exited.
  mapfile -t pids < <(pgrep -f -- "containerd-shim-runc-v2 .*-address $CONTAINERD_SOCK( |\$)" || true)
  if ((${#pids[@]} > 0)); then STOP_WAIT=5 stop_pids "${pids[@]}"; fi
  unmount_state
  if ip link show "$BRIDGE" > /dev/null 2>&1; then
    ip link delete "$BRIDGE" || log "could not delete the bridge $BRIDGE"
  fi
  # Outside $STATE, named for this cluster or its pods' sandboxes: libcni's result cache (this network's and the
  # loopback's), and the kubelet's links to container logs.
  local cached sandbox
  for cached in /var/lib/cni/results/"$NETWORK"-*; do
    [[ -e "$cached" ]] || continue
    sandbox="${cached#/var/lib/cni/results/"$NETWORK"-}"
    rm -f "$cached" "/var/lib/cni/results/cni-loopback-${sandbox%-*}-lo"
  done
  find /var/log/containers -maxdepth 1 -type l -lname "$STATE/*" -delete 2> /dev/null || true
  # The one path every kubelet shares, whatever its root directory: the device manager's socket and checkpoint
  # (no device plugins here). Removed when no kubelet is left on the machine.
  if ! pgrep -x kubelet > /dev/null; then
    rm -rf /var/lib/kubelet/device-plugins
    rmdir /var/lib/kubelet 2> /dev/null || true
  fi
}

# Removes $STATE after stop_cluster, if it is a cluster's state directory (it has run/ or cluster.env).
remove_state() {
  [[ -e "$STATE" ]] || return 0
  [[ -d "$STATE/run" || -f "$STATE/cluster.env" ]] || die "$STATE is not a cluster's state directory; not removing it"
  if findmnt -rn -o TARGET | grep -q "^$STATE/"; then die "something is still mounted under $STATE; not removing it"; fi
  rm -rf "$STATE"
}
