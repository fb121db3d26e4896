#!/usr/bin/env bash
# Starts a real single-node Kubernetes cluster on this machine, without Docker and without a registry: etcd,
# kube-apiserver, kube-controller-manager, kube-scheduler (built by build.sh), Debian's containerd and runc, and a
# kubelet, with the test images (images/build.sh) imported into containerd. Waits until the node is Ready, then
# prints the path of an admin kubeconfig on its last line:
#
#   sudo test/cluster/install-node-packages.sh      # once: containerd, runc, CNI plugins, busybox-static
#   test/cluster/up.sh                               # as root; about 10 s (the first build.sh takes minutes)
#   export KUBECONFIG=~/.local/state/debugsession-cluster/kubeconfig
#   kubectl get nodes                                # the kubectl in build.sh's directory, or any 1.33-1.35
#   test/cluster/down.sh                             # stops everything, removes the state directory
#
#   DEBUGSESSION_CLUSTER_STATE=/dir   where everything lives (default ~/.local/state/debugsession-cluster)
#   DEBUGSESSION_CLUSTER_USERS=file   more kube-apiserver token-file lines (token,user,uid,"group1,group2")
#   DEBUGSESSION_NODE_IP=a.b.c.d      the node's address (default: the source address of the default route)
#
# Running it again while the cluster runs changes nothing; over a stopped or broken one it starts afresh. The state
# directory holds the logs (logs/), the certificates (pki/), containerd's and the kubelet's data, and cluster.env
# (ports, addresses) which the Java launcher of the *E2E tests reads.
#
# What is not a production set-up: etcd without fsync, one certificate authority for everything, static bearer
# tokens for people and components, the kubelet's serving certificate not checked by kube-apiserver (it is
# self-signed), no kube-proxy (pods reach each other, but Services have no endpoints behind their IPs; pods reach the
# API server at the node's address) and no DNS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/node-lib.sh"
start=$SECONDS

((EUID == 0)) || die "the kubelet and containerd need root"
for cmd in containerd runc ctr openssl curl ss findmnt; do
  command -v "$cmd" > /dev/null || die "$cmd is missing; run test/cluster/install-node-packages.sh"
done
for file in /usr/lib/cni/bridge /usr/lib/cni/host-local /usr/lib/cni/loopback /bin/busybox; do
  [[ -x "$file" ]] || die "$file is missing; run test/cluster/install-node-packages.sh"
done

if all_components_running && [[ -f "$STATE/kubeconfig" ]]; then
  log "already running in $STATE (test/cluster/down.sh stops it)"
  echo "$STATE/kubeconfig"
  exit 0
fi
if [[ -e "$STATE" ]]; then
  log "a previous cluster left $STATE: stopping what runs of it and starting afresh"
  stop_cluster
  remove_state
fi

BIN="$(bash "$here/build.sh" | tail -1)"
source "$here/versions.env"
mkdir -p "$STATE"/{logs,run,pki,cni/net.d,kubelet}
chmod 700 "$STATE"

# --- Addresses and ports --------------------------------------------------------------------------------------
NODE_NAME=debugsession-node
NODE_IP="${DEBUGSESSION_NODE_IP:-$(ip -4 route get 1.1.1.1 2> /dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')}"
# The kubelet refuses a loopback node address; the API server reaches the kubelet there for exec, attach and logs.
[[ -n "$NODE_IP" && "$NODE_IP" != 127.* ]] || die "no non-loopback IPv4 address for the node; set DEBUGSESSION_NODE_IP"

taken=""
free_port() { # sets the variable $1 to a TCP port nobody listens on
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 10000))
    [[ " $taken " == *" $p "* ]] && continue
    [[ -n "$(ss -Hltn "sport = :$p")" ]] && continue
    taken+=" $p"
    printf -v "$1" %s "$p"
    return 0
  done
  die "no free port found"
}
free_port ETCD_PORT
free_port ETCD_PEER_PORT
free_port APISERVER_PORT
free_port KUBELET_PORT
free_port KUBELET_HEALTHZ_PORT

# A pod subnet of its own: 10.200.N.0/24, N from the id, the next one if a route to it exists already.
n=$((16#${ID:0:2}))
for _ in $(seq 256); do
  POD_SUBNET="10.200.$n.0/24"
  [[ -z "$(ip -4 route show to match "10.200.$n.1" | grep -v '^default')" ]] && break
  n=$(((n + 1) % 256))
done

token() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
ADMIN_TOKEN="$(token)"

cat > "$STATE/cluster.env" << EOF
# Written by up.sh for down.sh, the *E2E tests' launcher and people.
KUBERNETES_VERSION=$KUBERNETES_VERSION
BIN=$BIN
NODE_NAME=$NODE_NAME
NODE_IP=$NODE_IP
APISERVER_URL=https://127.0.0.1:$APISERVER_PORT
APISERVER_PORT=$APISERVER_PORT
ETCD_PORT=$ETCD_PORT
KUBELET_PORT=$KUBELET_PORT
KUBELET_HEALTHZ_PORT=$KUBELET_HEALTHZ_PORT
POD_SUBNET=$POD_SUBNET
CGROUP_ROOT=$CGROUP_ROOT
BRIDGE=$BRIDGE
CONTAINERD_SOCK=$CONTAINERD_SOCK
EOF

# --- Certificates and credentials -----------------------------------------------------------------------------
pki="$STATE/pki"
openssl_quiet() { openssl "$@" 2> "$STATE/logs/openssl.log" || { cat "$STATE/logs/openssl.log" >&2; die "openssl $1 failed"; }; }
openssl_quiet req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=debugsession-cluster-ca" \
  -keyout "$pki/ca.key" -out "$pki/ca.crt"
sign() { # name subject [extensions]: a key and a certificate signed by the cluster's CA
  local ext="$pki/$1.ext"
  printf '%s\n' "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" "${@:3}" > "$ext"
  openssl_quiet req -newkey rsa:2048 -nodes -subj "$2" -keyout "$pki/$1.key" -out "$pki/$1.csr"
  openssl_quiet x509 -req -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 30 \
    -extfile "$ext" -out "$pki/$1.crt"
}
sign apiserver "/CN=kube-apiserver" "extendedKeyUsage=serverAuth" \
  "subjectAltName=IP:127.0.0.1,IP:$NODE_IP,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
# kube-apiserver's identity towards the kubelet (exec, attach, logs, port-forward). The kubelet accepts only
# certificates of this CA, and asks kube-apiserver whether the user may do what it asks (authorization Webhook):
# the user is bound to system:kubelet-api-admin below. Nobody else reaches the kubelet's API.
sign apiserver-kubelet-client "/CN=kube-apiserver-kubelet-client" "extendedKeyUsage=clientAuth"
openssl_quiet genrsa -out "$pki/sa.key" 2048
openssl_quiet rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub"

# Components and the kubelet authenticate with bearer tokens, as the users bootstrap RBAC and the Node authorizer
# know: system:node:<name> in system:nodes, system:kube-controller-manager, system:kube-scheduler.
NODE_TOKEN="$(token)" KCM_TOKEN="$(token)" SCHEDULER_TOKEN="$(token)"
{
  echo "$ADMIN_TOKEN,admin,uid-admin,\"system:masters\""
  echo "$NODE_TOKEN,system:node:$NODE_NAME,uid-node,\"system:nodes\""
  echo "$KCM_TOKEN,system:kube-controller-manager,uid-kcm"
  echo "$SCHEDULER_TOKEN,system:kube-scheduler,uid-scheduler"
  if [[ -n "${DEBUGSESSION_CLUSTER_USERS:-}" ]]; then cat "$DEBUGSESSION_CLUSTER_USERS"; fi
} > "$pki/tokens.csv"

kubeconfig() { # file user token
  cat > "$1" << EOF
apiVersion: v1
kind: Config
clusters:
- name: debugsession
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$pki/ca.crt")
users:
- name: $2
  user:
    token: $3
contexts:
- name: debugsession
  context: {cluster: debugsession, user: $2, namespace: default}
current-context: debugsession
EOF
  chmod 600 "$1"
}
kubeconfig "$STATE/kubelet.kubeconfig" "system:node:$NODE_NAME" "$NODE_TOKEN"
kubeconfig "$STATE/kube-controller-manager.kubeconfig" system:kube-controller-manager "$KCM_TOKEN"
kubeconfig "$STATE/kube-scheduler.kubeconfig" system:kube-scheduler "$SCHEDULER_TOKEN"
admin_kubeconfig="$STATE/run/admin.kubeconfig" # $STATE/kubeconfig appears only once the node is Ready
kubeconfig "$admin_kubeconfig" admin "$ADMIN_TOKEN"
kubectl() { "$BIN/kubectl" --kubeconfig="$admin_kubeconfig" "$@"; }

# --- Starting and waiting -------------------------------------------------------------------------------------
launch() { # name command...: in a session of its own, outliving this script; output in logs/<name>.log
  local name="$1"
  shift
  setsid "$@" >> "$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/run/$name.pid"
  # Until the child has exec'd, its command line is this script's, which component_pid would not recognise (seen
  # on a loaded machine: "containerd exited" while it booted).
  local i
  for ((i = 0; i < 100; i++)); do
    component_pid "$name" > /dev/null && return 0
    [[ -e /proc/$! ]] || return 0 # exited at once: await reports it with its log
    sleep 0.05
  done
}

await() { # what timeout-seconds log-name command...: runs command until it succeeds
  local what="$1" timeout="$2" name="$3" deadline=$((SECONDS + $2))
  shift 3
  until "$@" > /dev/null 2>&1; do
    # The pid launch recorded, not component_pid: its reading of /proc/<pid>/cmdline has failed once in a while on a
    # loaded machine for a live containerd, and up.sh then gave up on a cluster that was starting fine.
    if ! kill -0 "$(cat "$STATE/run/$name.pid")" 2> /dev/null; then
      tail -n 30 "$STATE/logs/$name.log" >&2
      die "$name exited while waiting for $what; logs in $STATE/logs (test/cluster/down.sh cleans up)"
    fi
    if ((SECONDS > deadline)); then
      tail -n 30 "$STATE/logs/$name.log" >&2
      die "no $what after ${timeout}s; logs in $STATE/logs (test/cluster/down.sh cleans up)"
    fi
    sleep 0.5
  done
  log "$what after $((SECONDS - start))s"
}

log "starting a ${KUBERNETES_VERSION} node $NODE_NAME ($NODE_IP) in $STATE"
launch etcd "$BIN/etcd" --name=node --data-dir="$STATE/etcd" \
  --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster="node=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync --log-level=warn
await "etcd healthy" 30 etcd curl -sf "http://127.0.0.1:$ETCD_PORT/health"

# The flags of the *IT tests' KubeApiServer.java, plus what a node needs: the Node authorizer and the
# NodeRestriction admission plugin (a kubelet changes only its own node and its pods), the kubelet client
# certificate, and the node's InternalIP as the address to reach the kubelet at (its hostname does not resolve).
# It listens on every address, not only loopback: pods reach it at the node's address (NODE_IP, which the
# `kubernetes` Service's endpoints name), since without kube-proxy the Service's own IP leads nowhere. An operator
# deployed in this cluster is told that address (test/cluster/deploy-operator.sh).
launch kube-apiserver "$BIN/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address=0.0.0.0 --advertise-address="$NODE_IP" --secure-port="$APISERVER_PORT" \
  --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
  --client-ca-file="$pki/ca.crt" \
  --token-auth-file="$pki/tokens.csv" \
  --authorization-mode=Node,RBAC \
  --enable-admission-plugins=NodeRestriction \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 \
  --allow-privileged=true \
  --kubelet-client-certificate="$pki/apiserver-kubelet-client.crt" \
  --kubelet-client-key="$pki/apiserver-kubelet-client.key" \
  --kubelet-preferred-address-types=InternalIP,Hostname \
  --profiling=false
await "kube-apiserver ready" 90 kube-apiserver \
  curl -sf --cacert "$pki/ca.crt" -H "Authorization: Bearer $ADMIN_TOKEN" "https://127.0.0.1:$APISERVER_PORT/readyz"
kubectl create clusterrolebinding kube-apiserver-kubelet-client --clusterrole=system:kubelet-api-admin \
  --user=kube-apiserver-kubelet-client > /dev/null

# All default controllers (namespace, garbage collector, service accounts and their tokens' root CA, ReplicaSet,
# Deployment, disruption, node lifecycle...), each with a ServiceAccount of its own, as kubeadm runs them.
# No serving port: nothing scrapes it, and one port fewer to collide with.
launch kube-controller-manager "$BIN/kube-controller-manager" \
  --kubeconfig="$STATE/kube-controller-manager.kubeconfig" \
  --use-service-account-credentials=true \
  --service-account-private-key-file="$pki/sa.key" --root-ca-file="$pki/ca.crt" \
  --flex-volume-plugin-dir="$STATE/kube-controller-manager/volume-plugins" \
  --leader-elect=false --secure-port=0
launch kube-scheduler "$BIN/kube-scheduler" \
  --kubeconfig="$STATE/kube-scheduler.kubeconfig" --leader-elect=false --secure-port=0

# --- containerd, the pods' network, the images ----------------------------------------------------------------
# restrict_oom_score_adj: runc cannot lower oom_score_adj without CAP_SYS_RESOURCE, which these machines lack.
# netns_mounts_under_state_dir: the pods' network namespaces are mounted under $STATE, not in /var/run/netns.
cat > "$STATE/containerd.toml" << EOF
version = 2
root = "$STATE/containerd/root"
state = "$STATE/containerd/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs", "io.containerd.tracing.processor.v1.otlp",
  "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.internal.v1.opt"]
  path = "$STATE/containerd/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
    BinaryName = "$(command -v runc)"
    Root = "$STATE/containerd/runc"
    SystemdCgroup = false
EOF
# One bridge for the node's pods, addresses from host-local; no masquerading (the pods need no way out).
cat > "$STATE/cni/net.d/10-debugsession.conflist" << EOF
{
  "cniVersion": "1.0.0",
  "name": "$NETWORK",
  "plugins": [{
    "type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
    "ipam": {"type": "host-local", "dataDir": "$STATE/cni/ipam", "ranges": [[{"subnet": "$POD_SUBNET"}]],
      "routes": [{"dst": "0.0.0.0/0"}]}
  }]
}
EOF
launch containerd containerd --config "$STATE/containerd.toml"
# ctr keeps dialling a socket that is not there yet for 20 s: wait for the socket first.
await "containerd serving" 30 containerd \
  bash -c "test -S '$CONTAINERD_SOCK' && ctr --address '$CONTAINERD_SOCK' --connect-timeout 2s version"
bash "$here/images/build.sh" "$STATE/run/images.tar" > "$STATE/logs/images.log"
ctr --address "$CONTAINERD_SOCK" -n k8s.io images import "$STATE/run/images.tar" >> "$STATE/logs/images.log"
log "images imported after $((SECONDS - start))s: $(awk '{print $1}' "$STATE/logs/images.log" | grep -v '^unpacking' | sort -u | tr '\n' ' ')"

# --- The kubelet ----------------------------------------------------------------------------------------------
# Its cgroup root exists in every cgroup v1 hierarchy before it starts (it checks); cpuset needs its cpus and mems.
for h in $(cgroup_hierarchies); do
  mkdir -p "$h/$CGROUP_ROOT"
  if [[ -f "$h/cpuset.cpus" ]]; then
    cat "$h/cpuset.cpus" > "$h/$CGROUP_ROOT/cpuset.cpus"
    cat "$h/cpuset.mems" > "$h/$CGROUP_ROOT/cpuset.mems"
  fi
done
# cgroupfs: containerd 1.6 cannot tell the kubelet its cgroup driver (no RuntimeConfig RPC). Eviction thresholds
# low and image garbage collection off: the machine's disk is shared, and the test images exist nowhere else. No
# iptables chains: the kubelet makes them only for kube-proxy, and they would be the host's, not this cluster's.
cat > "$STATE/kubelet.yaml" << EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: $KUBELET_PORT
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $KUBELET_HEALTHZ_PORT
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $pki/ca.crt}
authorization:
  mode: Webhook
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
cgroupRoot: /$CGROUP_ROOT
failSwapOn: false
podLogsDir: $STATE/kubelet/pod-logs
volumePluginDir: $STATE/kubelet/volume-plugins
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
serializeImagePulls: false
imageGCHighThresholdPercent: 100
evictionHard: {memory.available: 50Mi, nodefs.available: 1%, nodefs.inodesFree: 1%, imagefs.available: 1%}
rotateCertificates: false
makeIPTablesUtilChains: false
EOF
launch kubelet "$BIN/kubelet" --config="$STATE/kubelet.yaml" --kubeconfig="$STATE/kubelet.kubeconfig" \
  --root-dir="$STATE/kubelet" --cert-dir="$STATE/kubelet/pki" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP"

node_ready() {
  [[ "$(kubectl get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}{.spec.taints}')" == True ]]
}
await "node $NODE_NAME Ready and without taints" 120 kubelet node_ready
await "ServiceAccount default/default" 60 kube-controller-manager kubectl get serviceaccount default -n default

cp "$admin_kubeconfig" "$STATE/kubeconfig"
log "up in $((SECONDS - start))s; logs in $STATE/logs"
log "  export KUBECONFIG=$STATE/kubeconfig PATH=$BIN:\$PATH"
echo "$STATE/kubeconfig"
