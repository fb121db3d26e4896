#!/usr/bin/env bash
# Stops the single-node cluster up.sh started with the same DEBUGSESSION_CLUSTER_STATE (default
# ~/.local/state/debugsession-cluster) and removes everything it made: its processes (kubelet, containerd and its
# shims, the pods' processes, the control plane), the mounts under the state directory, its cgroups, its CNI bridge,
# libcni's cache entries and the kubelet's log links of its pods, then the state directory. Touches nothing of
# another cluster: every name it removes carries this state directory's id (see node-lib.sh).
#
#   test/cluster/down.sh
#   DEBUGSESSION_CLUSTER_KEEP_STATE=1 test/cluster/down.sh   # stops it, keeps the state directory (logs)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/node-lib.sh"

((EUID == 0)) || die "stopping the kubelet's and containerd's processes needs root"
if [[ ! -e "$STATE" ]]; then
  log "no cluster in $STATE"
  exit 0
fi
stop_cluster
if [[ -n "${DEBUGSESSION_CLUSTER_KEEP_STATE:-}" ]]; then
  log "stopped; kept $STATE"
else
  remove_state
  log "stopped; removed $STATE"
fi
