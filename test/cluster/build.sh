#!/usr/bin/env bash
# Builds the real cluster's binaries from the Go modules pinned in versions.env, into a cache outside the repository
# keyed by those versions: kube-apiserver, kubectl and etcd (the *IT tests' control plane), kube-controller-manager,
# kube-scheduler and kubelet (the single node of up.sh and the *E2E tests). Does nothing when the binaries for these
# versions are already there. Prints the directory on its last line.
#
#   test/cluster/build.sh            # build if needed
#   DEBUGSESSION_CLUSTER_CACHE=/x    # cache root (default: ~/.cache/debugsession-operator)
#
# The layout, <cache>/k8s/<version>-linux-amd64/{kube-apiserver,kubectl,etcd,...}, is also the one fabric8's
# kube-api-test reads. A cold build downloads about 0.8 GB of Go modules into Go's own module cache and compiles
# for about 15 minutes on 2 cores; Go's build cache (~/.cache/go-build) makes a rebuild take about a minute.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/versions.env"
source "$here/binaries.env"

arch="$(go env GOARCH)"
cache="${DEBUGSESSION_CLUSTER_CACHE:-$HOME/.cache/debugsession-operator}"
out="$cache/k8s/${KUBERNETES_VERSION}-linux-${arch}"
# The set of binaries is part of the stamp: a directory built with fewer commands is built again.
stamp="kubernetes=${KUBERNETES_VERSION} etcd=${ETCD_VERSION} commands=${kube_commands[*]}"

if [[ -f "$out/VERSIONS" && "$(cat "$out/VERSIONS")" == "$stamp" ]]; then
  echo "Test cluster binaries up to date ($stamp)" >&2
  echo "$out"
  exit 0
fi

echo "Building the test cluster ($stamp) with $(go version) into $out" >&2
start=$SECONDS
work="$(mktemp -d "$cache/build.XXXXXX" 2>/dev/null || { mkdir -p "$cache"; mktemp -d "$cache/build.XXXXXX"; })"
trap 'rm -rf "$work"' EXIT

# What upstream's hack/lib/version.sh stamps, so that /version reports the real version, not v0.0.0-master.
minor="${KUBERNETES_VERSION#*.}"; minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=v${KUBERNETES_VERSION} -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor}"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

# Upstream builds all of them with the tags selinux,notest, and all but the kubelet static (CGO_ENABLED=0). The
# kubelet is static here too: it runs the same without cgo (cgo would only swap Go's DNS resolver for libc's),
# and no C compiler is needed.
(cd "$here/kube" && CGO_ENABLED=0 go build -buildvcs=false -trimpath -tags selinux,notest -ldflags "$ldflags" \
  -o "$work/" "${kube_commands[@]/#/k8s.io/kubernetes/cmd/}")
echo "${kube_commands[*]} built after $((SECONDS - start))s" >&2

(cd "$here/etcd" && CGO_ENABLED=0 go build -buildvcs=false -trimpath -ldflags "-s -w" -o "$work/etcd" \
  go.etcd.io/etcd/server/v3)
echo "etcd built after $((SECONDS - start))s" >&2

for cmd in "${kube_commands[@]}"; do
  if [[ "$cmd" == kubectl ]]; then "$work/kubectl" version --client | head -1 >&2; else "$work/$cmd" --version >&2; fi
done
"$work/etcd" --version | head -1 >&2
echo "$stamp" > "$work/VERSIONS"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$work" "$out"
trap - EXIT
echo "Test cluster built in $((SECONDS - start))s" >&2
echo "$out"
