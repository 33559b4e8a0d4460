#!/usr/bin/env bash
# Starts (or reuses) the kubeadm profile: `kubeadm init` on node kubeadm-control-plane, `kubeadm join` of node
# kubeadm-worker, each node in network, mount and UTS namespaces of its own with its own containerd and kubelet
# (see lib.sh); the bridge CNI plugin and a route per node give pod-to-pod across nodes. Writes
# .cluster-kubeadm/kubeconfig (the API server at https://10.210.0.2:6443, reached from the host over ctk-host).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
started_at=$(date +%s)
[[ $EUID -eq 0 ]] || die "the kubeadm profile runs kubelets and containerd in namespaces: run as root"
mkdir -p "$logs" "$pids"

# Preflight checks that cannot pass in this VM, skipped by name with the reason (every other check runs). None
# today: SystemVerification only warns (cgroups v1; the kernel's config is at /proc/config.gz), Service-Kubelet
# only warns (no systemd: unit.sh runs the kubelet), and the cached binaries go first on kubeadm's PATH for
# KubeletVersion. A check added here looks like:
#   FileContent--proc-sys-net-bridge-bridge-nf-call-iptables # (why it cannot pass here)
preflight_skips=()
preflight_flag() { ((${#preflight_skips[@]})) && echo "--ignore-preflight-errors=$(IFS=,; echo "${preflight_skips[*]}")"; return 0; }

nodes_ready() {
  local n
  n="$("$bin/kubectl" --kubeconfig "$kubeconfig" get nodes --no-headers 2>/dev/null | awk '$2=="Ready"' | wc -l)"
  ((n == ${#nodes[@]}))
}
wait_for() { # WHAT SECONDS COMMAND...
  local what=$1 limit=$2 i; shift 2
  for ((i = 0; i < limit; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "timed out after ${limit}s waiting for $what (logs: $logs)"
}
kubectl() { "$bin/kubectl" --kubeconfig "$kubeconfig" "$@"; }

refuse_foreign
bin="$("$local_cluster_dir/build.sh" config-tools | tail -1)"
running=0
for node in "${nodes[@]}"; do for u in "${units[@]}"; do unit_alive "$node" "$u" && running=$((running + 1)); done; done
if ((running == ${#nodes[@]} * ${#units[@]})) && [[ -f $kubeconfig ]] && nodes_ready; then
  say "kubeadm profile already running (kubeconfig: $kubeconfig)"
  exit 0
fi
if ((running > 0)) || [[ -e /run/netns/$switch_netns || -d $node_root ]]; then
  say "a partial kubeadm profile is there: removing it first"
  "$kubeadm_dir/down.sh" --keep-logs
  mkdir -p "$logs" "$pids"
fi
"$local_cluster_dir/install-deps.sh"
img_dir="$("$kubeadm_dir/images.sh" build | tail -1)"

# Bridged pod traffic through iptables (kube-proxy) needs br_netfilter; kubeadm's preflight checks its sysctl.
modprobe br_netfilter 2>/dev/null || true
[[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] || die "no br_netfilter (/proc/sys/net/bridge): kube-proxy cannot see bridged pod traffic"

# --- network: a bridge in a namespace of its own (so no one's iptables see the bridged traffic), the host's end
sysctl_in() { nsenter --net="/run/netns/$1" sysctl -qw "$2"; }
mkdir -p "$ns_root"
echo "$state" >"$owner_file"
ip netns add "$switch_netns"
ip -n "$switch_netns" link set lo up
ip -n "$switch_netns" link add br0 type bridge
ip -n "$switch_netns" link set br0 up
ip link add "$host_if" type veth peer name host netns "$switch_netns"
ip -n "$switch_netns" link set host master br0 up
# scope link: the bare profile (and anything else) picks the host's "first global IPv4 address"; this one is not.
ip addr add "$host_ip/24" dev "$host_if" scope link
ip link set "$host_if" up

# --- the nodes' namespaces
setup_node() {
  local node=$1 ns=${node_netns[$1]} ip=${node_ip[$1]} nd other
  nd="$(node_dir "$node")"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$switch_netns" link add "$ns" type veth peer name eth0 netns "$ns"
  ip -n "$switch_netns" link set "$ns" master br0 up
  ip -n "$ns" addr add "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  # No default route: nothing leaves the profile's link. Service IPs need a route for the node's own connections
  # (kube-proxy's DNAT happens after the routing decision of a locally sent packet).
  ip -n "$ns" route add "$service_subnet" dev eth0
  sysctl_in "$ns" net.ipv4.ip_forward=1
  sysctl_in "$ns" net.bridge.bridge-nf-call-iptables=1
  mkdir -p "$nd"/{etc,etc-work,var-lib,var-log,run} "$ns_root"
  touch "$(mnt_pin "$node")" "$(uts_pin "$node")"
  # The mount namespace: first drop the copies of the host's mounts under /run, /var/lib and /var/log (the bare
  # cluster's pod volumes and container root filesystems, other pinned namespaces: a copy would keep them busy),
  # then /etc as an overlay on the host's (kubeadm's /etc/kubernetes lands in the overlay's upper directory), then
  # private /run, /var/log and, last (it hides $nd), /var/lib.
  nsenter --net="/run/netns/$ns" unshare --mount="$(mnt_pin "$node")" --uts="$(uts_pin "$node")" --propagation private \
    -- bash -euc '
      findmnt -rn -o TARGET | grep -E "^/(run|var/lib|var/log)/" | sort -r | while read -r m; do umount -l "$m" || true; done
      mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1/etc,workdir=$1/etc-work" /etc
      mount --bind "$1/run" /run
      mount --bind "$1/var-log" /var/log
      mount --bind "$1/var-lib" /var/lib
      mount --make-rshared /
      hostname "$2"' setup "$nd" "$node"
  node_isolated "$node" || die "$node: its namespaces are not what they should be; not starting anything in it"
  {
    grep -v -E 'kubeadm-(control-plane|worker)' /etc/hosts
    for other in "${nodes[@]}"; do echo "${node_ip[$other]} $other"; done
  } | in_node "$node" sh -c 'cat >/etc/hosts.new && mv /etc/hosts.new /etc/hosts'
  # The kubelet's cgroup root: the bare kubelet owns /kubepods, and a kubelet removes pod cgroups it does not know.
  local c
  for c in /sys/fs/cgroup/*/; do
    [[ -e $c/cgroup.procs ]] || continue
    mkdir -p "$c/ctkadm-$node"
    if [[ -e $c/cpuset.cpus ]]; then
      cat "$c/cpuset.cpus" >"$c/ctkadm-$node/cpuset.cpus"
      cat "$c/cpuset.mems" >"$c/ctkadm-$node/cpuset.mems"
    fi
  done
  in_node "$node" sh -c 'mkdir -p /etc/containerd /etc/cni/net.d && cat >/etc/containerd/config.toml' <<TOML
version = 2
# Defaults everywhere else: /var/lib/containerd, /run/containerd/containerd.sock are this node's own.
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:$pause_version"
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
    conf_dir = "/etc/cni/net.d"
TOML
}

# start_unit NODE UNIT COMMAND...: unit.sh in a session of its own, logging to logs/NODE.UNIT.log; only the log goes
# with it (a descriptor of the caller's would keep a caller's pipe open for as long as it runs).
start_unit() {
  local node=$1 unit=$2; shift 2
  (
    for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; ((fd > 2)) && eval "exec $fd>&-"; done
    exec setsid "$kubeadm_dir/unit.sh" "$node" "$unit" "$@" >>"$logs/$node.$unit.log" 2>&1 </dev/null
  ) &
  echo $! >"$pids/$node.$unit"
}

for node in "${nodes[@]}"; do
  say "$node: namespaces (netns ${node_netns[$node]}, address ${node_ip[$node]})"
  setup_node "$node"
  start_unit "$node" containerd containerd
done
for node in "${nodes[@]}"; do
  wait_for "$node containerd" 30 in_node "$node" ctr version
  "$kubeadm_dir/images.sh" import "$node"
  start_unit "$node" kubelet "$kubeadm_dir/kubelet.sh" "$bin/kubelet"
done

# --- kubeadm init on the first node
cp_node=${nodes[0]}
token="$("$bin/kubeadm" token generate)"
cat >"$state/kubeadm-init.yaml" <<YAML
apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
bootstrapTokens:
- token: "$token"
  ttl: 2h0m0s
localAPIEndpoint:
  advertiseAddress: ${node_ip[$cp_node]}
  bindPort: 6443
nodeRegistration:
  name: $cp_node
  criSocket: unix:///run/containerd/containerd.sock
  # The images were imported, never pulled: this VM reaches no registry.
  imagePullPolicy: Never
  kubeletExtraArgs:
  - {name: node-ip, value: "${node_ip[$cp_node]}"}
  - {name: cgroup-root, value: "/ctkadm-$cp_node"}
timeouts:
  # Two shared cores: the API server's first start can take longer than kubeadm's default 4 minutes.
  controlPlaneComponentHealthCheck: 8m0s
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
clusterName: clustertour-kubeadm
kubernetesVersion: $k8s_version
controlPlaneEndpoint: "$control_plane_endpoint"
networking:
  podSubnet: $pod_subnet
  serviceSubnet: $service_subnet
  dnsDomain: cluster.local
etcd:
  local:
    imageTag: "$etcd_tag"
apiServer:
  certSANs: ["${node_ip[$cp_node]}", "127.0.0.1"]
controllerManager:
  extraArgs:
  # kubeadm mounts this directory into the controller manager, creating it: keep it under the node's /var/lib.
  - {name: flex-volume-plugin-dir, value: /var/lib/kubelet/volumeplugins}
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
failSwapOn: false
# This VM's cgroups are v1 (hybrid): the kubelet v1.33 refuses them unless told.
failCgroupV1: false
volumePluginDir: /var/lib/kubelet/volumeplugins
# Images come from local imports, never a registry: garbage collection would lose them.
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
# nf_conntrack_max can only be set from the host's network namespace; leave it.
conntrack: {maxPerCore: 0}
YAML
say "$cp_node: kubeadm init (log: $logs/kubeadm-init.log)"
# kubeadm runs `kubelet --version` (preflight KubeletVersion): the cached binaries go first on its PATH.
in_node "$cp_node" env PATH="$bin:$PATH" "$bin/kubeadm" init --config "$state/kubeadm-init.yaml" $(preflight_flag) >"$logs/kubeadm-init.log" 2>&1 ||
  die "kubeadm init failed: see $logs/kubeadm-init.log"$'\n'"$(tail -15 "$logs/kubeadm-init.log")"
cp "$(node_dir "$cp_node")/etc/kubernetes/admin.conf" "$kubeconfig.tmp" && mv "$kubeconfig.tmp" "$kubeconfig"

# --- the scheduler, once more: the kubelet started its static pod before the API server answered, so at start-up
# it found no events.k8s.io/v1 in discovery and fell back to core/v1 Events (no eventTime, second precision) for
# good. A restart now that the API server is ready makes it write events.k8s.io/v1 (eventTime in microseconds), as
# the bare profile's scheduler does (lib.sh apiserver_ready before it starts). The controller manager needs none:
# it writes core/v1 Events whenever it starts. The mirror pod shows one restart for this.
restarted() { local now; now="$(running_container "$1" "$2")"; [[ -n $now && $now != "$3" ]]; }
scheduler_healthy() { in_node "$cp_node" curl -sfk --max-time 2 https://127.0.0.1:10259/healthz; }
wait_for "the API server's /readyz" 120 kubectl get --raw /readyz
old="$(running_container "$cp_node" kube-scheduler)"
[[ -n $old ]] || die "no running kube-scheduler container on $cp_node after kubeadm init"
say "$cp_node: restarting kube-scheduler now that the API server is ready (so its Events are events.k8s.io/v1)"
in_node "$cp_node" ctr -n k8s.io task kill "$old"
wait_for "kube-scheduler's restart" 60 restarted "$cp_node" kube-scheduler "$old"
wait_for "kube-scheduler's /healthz" 60 scheduler_healthy

# --- the pod network on a node: the bridge plugin on the podCIDR the controller manager gave it
pod_cidr() { kubectl get node "$1" -o jsonpath='{.spec.podCIDR}'; }
has_pod_cidr() { [[ -n $(pod_cidr "$1") ]]; }
cni() {
  local node=$1 cidr
  wait_for "$node's podCIDR" 60 has_pod_cidr "$node"
  cidr="$(pod_cidr "$node")"
  in_node "$node" sh -c 'cat >/etc/cni/net.d/10-bridge.conflist' <<CNI
{
  "cniVersion": "0.4.0",
  "name": "kubeadm-bridge",
  "plugins": [
    {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "$cidr"}]], "routes": [{"dst": "0.0.0.0/0"}]}},
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "loopback"}
  ]
}
CNI
  say "$node: bridge CNI on $cidr"
}
# routes: each node reaches every other node's pods through that node's address on the link.
routes() {
  local node other
  for node in "${nodes[@]}"; do
    for other in "${nodes[@]}"; do
      [[ $other == "$node" ]] && continue
      ip -n "${node_netns[$node]}" route replace "$(pod_cidr "$other")" via "${node_ip[$other]}"
    done
  done
}
cni "$cp_node"

# --- kubeadm join of the other nodes
ca_hash="sha256:$(openssl x509 -pubkey -noout -in "$(node_dir "$cp_node")/etc/kubernetes/pki/ca.crt" |
  openssl pkey -pubin -outform der | sha256sum | cut -d' ' -f1)"
for node in "${nodes[@]:1}"; do
  cat >"$state/kubeadm-join-$node.yaml" <<YAML
apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: "$control_plane_endpoint"
    token: "$token"
    caCertHashes: ["$ca_hash"]
nodeRegistration:
  name: $node
  criSocket: unix:///run/containerd/containerd.sock
  imagePullPolicy: Never
  kubeletExtraArgs:
  - {name: node-ip, value: "${node_ip[$node]}"}
  - {name: cgroup-root, value: "/ctkadm-$node"}
YAML
  say "$node: kubeadm join (log: $logs/kubeadm-join-$node.log)"
  in_node "$node" env PATH="$bin:$PATH" "$bin/kubeadm" join --config "$state/kubeadm-join-$node.yaml" $(preflight_flag) >"$logs/kubeadm-join-$node.log" 2>&1 ||
    die "kubeadm join of $node failed: see $logs/kubeadm-join-$node.log"$'\n'"$(tail -15 "$logs/kubeadm-join-$node.log")"
  cni "$node"
done
routes

say "waiting for ${#nodes[@]} Ready nodes, CoreDNS and kube-proxy"
wait_for "${#nodes[@]} Ready nodes" 240 nodes_ready
wait_for "CoreDNS" 240 kubectl -n kube-system rollout status deployment/coredns --timeout=1s
wait_for "kube-proxy" 240 kubectl -n kube-system rollout status daemonset/kube-proxy --timeout=1s
say "kubeadm profile up in $(($(date +%s) - started_at))s; export KUBECONFIG=$kubeconfig"
