#!/usr/bin/env bash
# Builds the test images of the real single-node cluster into one OCI archive, for `ctr -n k8s.io images import`
# (up.sh does that): the pod sandbox image registry.k8s.io/pause:3.10, debugsession.test/distroless-target:1 and
# debugsession.test/debug-shell:1 (also tagged docker.io/library/busybox:1.37). See pack/main.go. Needs Go and
# Debian's busybox-static. Takes a few seconds.
#
#   test/cluster/images/build.sh OUT.tar
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(realpath -m "${1:?usage: build.sh OUT.tar}")"

bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
cd "$here"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$bin/" ./pause ./signal-recorder
go run ./pack -pause "$bin/pause" -signal-recorder "$bin/signal-recorder" -busybox /bin/busybox -o "$out"
