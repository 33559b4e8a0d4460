#!/usr/bin/env bash
# Starts (or reuses) a real single-node Kubernetes cluster on this machine without Docker; writes .cluster/kubeconfig.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
started_at=$(date +%s)

[[ $EUID -eq 0 ]] || die "the local cluster runs a kubelet and containerd: run as root (sudo make cluster-up)"
mkdir -p "$logs" "$pids"

running=0
for c in "${components[@]}"; do alive "$c" && running=$((running + 1)); done
if ((running == ${#components[@]})) && [[ -f $kubeconfig ]]; then
  say "local cluster already running (kubeconfig: $kubeconfig)"
  "$here/wait-ready.sh"
  start_supervisor # clusters started before there was one
  exit 0
fi
if ((running > 0)); then
  say "a partial local cluster is running ($running of ${#components[@]} components): restarting it"
  "$here/down.sh" --keep-logs
  mkdir -p "$logs" "$pids"
fi
"$here/install-deps.sh"
for port in 6443 2379 2380 10250 10257 10259 "${otlp_endpoint##*:}"; do
  if ss -Hltn "sport = :$port" | grep -q .; then
    die "port $port in use by another program ($(ss -Hltnp "sport = :$port" | grep -o 'users:.*' | head -1)); stop it or point KUBECONFIG at that cluster"
  fi
done
# Only now, with every port free (no cluster of another checkout runs), clear what an earlier cluster
# left when its processes were killed (pod mounts, shims, IP allocations of dead pods).
"$here/down.sh" --keep-logs >/dev/null 2>&1 || true
mkdir -p "$logs" "$pids"

bin="$("$here/build.sh" | tail -1)"
ip="$(node_ip)"
[[ -n $ip ]] || die "no non-loopback IPv4 address found; the API server must advertise one"
say "node $node_name, address $ip, binaries $bin"
"$here/pki.sh" "$ip" "$bin/kubectl"

# start NAME COMMAND...: see start_component in lib.sh (component.sh restarts the recorded command line).
start() { start_component "$@"; }
# wait_for WHAT SECONDS COMMAND...: retries COMMAND once a second until it succeeds.
wait_for() {
  local what=$1 limit=$2; shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "timed out after ${limit}s waiting for $what (logs: $logs)"
}

# Kernel settings pods need for bridged networking and kube-proxy.
sysctl -qw net.ipv4.ip_forward=1
modprobe br_netfilter 2>/dev/null || true
[[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] && sysctl -qw net.bridge.bridge-nf-call-iptables=1

mkdir -p "$var_dir/cni/net.d" "$run_dir/containerd" "$var_dir/containerd" "$var_dir/kubelet" "$state/etcd"
cat >"$var_dir/cni/net.d/10-clustertour.conflist" <<CNI
{
  "cniVersion": "0.4.0",
  "name": "clustertour",
  "plugins": [
    {"type": "bridge", "bridge": "ctbr0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "${pod_cidr%/*}/24"}]], "routes": [{"dst": "0.0.0.0/0"}],
              "dataDir": "$var_dir/cni/ipam"}},
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "loopback"}
  ]
}
CNI
cat >"$state/containerd.toml" <<TOML
version = 2
root = "$var_dir/containerd"
state = "$run_dir/containerd/state"
[grpc]
  address = "$containerd_sock"
[ttrpc]
  address = "$run_dir/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.10"
  # The sandbox may not lower its OOM score below containerd's own (it is denied inside this VM).
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$var_dir/cni/net.d"
TOML
say "starting containerd"
start containerd containerd --config "$state/containerd.toml"
wait_for containerd 30 ctr --address "$containerd_sock" version
"$here/images.sh"

say "starting etcd"
start etcd "$bin/etcd" --name clustertour --data-dir "$state/etcd" \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster clustertour=http://127.0.0.1:2380 --quota-backend-bytes 2147483648 --log-level warn
wait_for etcd 30 curl -sf http://127.0.0.1:2379/health

"$here/evidence.sh"
say "starting otlp-relay (the components' traces, to the operator's receiver at $otlp_receiver while it runs)"
start otlp-relay "$bin/otlp-relay" --listen "$otlp_endpoint" --forward "$otlp_receiver"
say "starting kube-apiserver (audit webhook and traces to the operator's receivers, $audit_url and $otlp_endpoint)"
start kube-apiserver env "$otel_batch" "$bin/kube-apiserver" --advertise-address "$ip" --bind-address 0.0.0.0 --secure-port 6443 \
  --etcd-servers http://127.0.0.1:2379 --allow-privileged=true \
  --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
  --client-ca-file "$pki/ca.crt" --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --kubelet-client-certificate "$pki/apiserver-kubelet-client.crt" --kubelet-client-key "$pki/apiserver-kubelet-client.key" \
  --service-account-issuer "https://kubernetes.default.svc.$cluster_domain" \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --service-cluster-ip-range "$service_cidr" --event-ttl 1h --v 1 \
  --audit-policy-file "$state/audit-policy.yaml" --audit-webhook-config-file "$state/audit-webhook.kubeconfig" \
  --audit-webhook-mode batch --audit-webhook-batch-max-wait 100ms --audit-webhook-initial-backoff 1s \
  --tracing-config-file "$state/apiserver-tracing.yaml"
wait_for "kube-apiserver /readyz" 120 curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
  "https://$ip:6443/readyz"
cp "$pki/admin.kubeconfig" "$kubeconfig.tmp" && mv "$kubeconfig.tmp" "$kubeconfig"

say "starting kube-controller-manager and kube-scheduler"
start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig "$pki/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$pki/controller-manager.kubeconfig" --authorization-kubeconfig "$pki/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --leader-elect=true --use-service-account-credentials=true \
  --root-ca-file "$pki/ca.crt" --service-account-private-key-file "$pki/sa.key" \
  --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
  --service-cluster-ip-range "$service_cidr" --v 1
start kube-scheduler "$bin/kube-scheduler" --kubeconfig "$pki/scheduler.kubeconfig" \
  --authentication-kubeconfig "$pki/scheduler.kubeconfig" --authorization-kubeconfig "$pki/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --leader-elect=true --v 1

cat >"$state/kubelet.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: "$pki/ca.crt"}
authorization: {mode: Webhook}
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$containerd_sock
clusterDomain: $cluster_domain
# No DNS add-on runs here; an address keeps the kubelet from warning on every pod (MissingClusterDNS).
clusterDNS: [10.96.0.10]
failSwapOn: false
failCgroupV1: false
# Images come from local imports, never a registry: garbage collection would lose them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
serializeImagePulls: false
resolvConf: /etc/resolv.conf
maxPods: 110
# Every pod sync and CRI call as spans to the operator's OTLP receiver (KubeletTracing, beta in 1.33).
tracing: {endpoint: "$otlp_endpoint", samplingRatePerMillion: 1000000}
YAML
say "starting kubelet and kube-proxy"
start kubelet env "$otel_batch" "$bin/kubelet" --config "$state/kubelet.yaml" --kubeconfig "$pki/kubelet.kubeconfig" \
  --root-dir "$var_dir/kubelet" --hostname-override "$node_name" --node-ip "$ip" \
  --node-labels clustertour.io/local-cluster=true --v 1
cat >"$state/kube-proxy.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: "$pki/kube-proxy.kubeconfig"}
mode: iptables
clusterCIDR: $pod_cidr
hostnameOverride: $node_name
conntrack: {maxPerCore: 0}
YAML
start kube-proxy "$bin/kube-proxy" --config "$state/kube-proxy.yaml" --v 1

"$here/wait-ready.sh"
# From here on a component that exits is started again (supervise.sh); wait-ready.sh above fails instead.
start_supervisor
say "local cluster up in $(( $(date +%s) - started_at ))s; export KUBECONFIG=$kubeconfig"
