#!/usr/bin/env bash
# Installs the Debian packages the real single-node cluster (up.sh, the *E2E tests) runs on, when missing:
# containerd and runc (the container runtime the kubelet drives through the CRI), the CNI plugins (bridge,
# host-local, loopback: the pods' network) and busybox-static (the debug image's only binary). Not conntrack, and
# iptables only because the CNI plugins package depends on it: without kube-proxy and masquerading nothing of the
# node uses them. Does nothing when all are there. Needs root (or sudo) and apt.
#
# It never starts them: up.sh runs containerd from a configuration of its own, beside any system containerd.
set -euo pipefail

packages=(containerd runc containernetworking-plugins busybox-static)

missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "Node packages present: ${packages[*]}" >&2
  exit 0
fi

sudo=()
if ((EUID != 0)); then sudo=(sudo); fi
echo "Installing ${missing[*]}" >&2
start=$SECONDS
"${sudo[@]}" apt-get update -qq
# No service is started: there is no init system to start it on these machines, and on one with systemd the
# packaged containerd.service would only run beside ours, on its own socket.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
echo "Installed ${missing[*]} in $((SECONDS - start))s" >&2
