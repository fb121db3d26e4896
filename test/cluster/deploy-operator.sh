#!/usr/bin/env bash
# Readies the operator for `kubectl apply -k` into the local cluster of up.sh, the way a user would into theirs, minus
# the registry: builds the operator's image from target/quarkus-app (images/operator-image.sh), imports it into the
# node's containerd under a tag derived from its digest, and writes a kustomize overlay of config/default into
# $STATE/operator-overlay that differs from config/default in two things only:
#   - the image: the one just imported, never pulled (imagePullPolicy: Never);
#   - the way to the API server: this cluster has no kube-proxy, so the `kubernetes` Service's IP leads nowhere, and
#     the pods are told the node's address instead (KUBERNETES_SERVICE_HOST/PORT, which the client reads in a pod).
# Prints the overlay's directory on its last line:
#
#   ./mvnw -B package -DskipTests
#   kubectl apply -k "$(test/cluster/deploy-operator.sh | tail -1)"
#
#   DEBUGSESSION_CLUSTER_STATE=/dir   the cluster (default ~/.local/state/debugsession-cluster), as for up.sh
#   DEBUGSESSION_OPERATOR_APP=dir     the packaged application (default target/quarkus-app)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$here/node-lib.sh"

[[ -f "$STATE/cluster.env" ]] || die "no cluster in $STATE; start one with test/cluster/up.sh"
source "$STATE/cluster.env"
APISERVER_PORT="${APISERVER_PORT:-${APISERVER_URL##*:}}"
curl -sk -o /dev/null --max-time 5 "https://$NODE_IP:$APISERVER_PORT/readyz" \
  || die "kube-apiserver does not listen on the node's address $NODE_IP (a cluster started by an older up.sh):" \
    "restart it with test/cluster/down.sh and test/cluster/up.sh"
app="${DEBUGSESSION_OPERATOR_APP:-$repo/target/quarkus-app}"
[[ -f "$app/quarkus-run.jar" ]] || die "$app/quarkus-run.jar is missing; run ./mvnw -B package -DskipTests"

mkdir -p "$STATE/run" "$STATE/logs"
archive="$STATE/run/operator-image.tar"
built="$(bash "$here/images/operator-image.sh" "$app" "$archive" debugsession.test/operator:dev | tail -1)"
digest="${built##* sha256:}"
tag="dev-${digest:0:12}"
ctr --address "$CONTAINERD_SOCK" -n k8s.io images import "$archive" >> "$STATE/logs/images.log"
ctr --address "$CONTAINERD_SOCK" -n k8s.io images tag --force debugsession.test/operator:dev \
  "debugsession.test/operator:$tag" > /dev/null
rm -f "$archive"
log "imported debugsession.test/operator:$tag (sha256:$digest)"

overlay="$STATE/operator-overlay"
mkdir -p "$overlay"
cat > "$overlay/kustomization.yaml" << EOF
# Written by test/cluster/deploy-operator.sh for the local cluster in $STATE: config/default with the image built
# and imported there, and the API server at the node's address (no kube-proxy in that cluster).
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- $(realpath --relative-to="$overlay" "$repo/config/default")
images:
- name: ghcr.io/debugsession/debug-session-operator
  newName: debugsession.test/operator
  newTag: $tag
patches:
- target:
    kind: Deployment
    name: debugsession-operator
  patch: |-
    - op: replace
      path: /spec/template/spec/containers/0/imagePullPolicy
      value: Never
    - op: add
      path: /spec/template/spec/containers/0/env/-
      value: {name: KUBERNETES_SERVICE_HOST, value: "$NODE_IP"}
    - op: add
      path: /spec/template/spec/containers/0/env/-
      value: {name: KUBERNETES_SERVICE_PORT, value: "$APISERVER_PORT"}
EOF
echo "$overlay"
