# Shared paths and helpers of the kubeadm profile (two kubeadm-built nodes beside the bare cluster); sourced.
# Each node is a network namespace (its own IP, routes, iptables), a pinned mount namespace (its own /etc via an
# overlay, its own /var/lib, /var/log and /run, so kubeadm's fixed paths never touch the host's) and a UTS namespace
# (its own hostname), with a containerd and a kubelet of its own. The bare profile's host network, ports, paths and
# cgroups are never touched: the only host-side traces are one veth with a link-scoped address, the pinned
# namespaces and this profile's own directories, all removed by down.sh.
kubeadm_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
local_cluster_dir="$(cd "$kubeadm_dir/.." && pwd)"
repo_root="$(cd "$local_cluster_dir/../.." && pwd)"
state="${KUBEADM_CLUSTER_DIR:-$repo_root/.cluster-kubeadm}" # configs, logs, pids, kubeconfig
logs="$state/logs"
pids="$state/pids"
kubeconfig="$state/kubeconfig"
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
# Node roots and pinned namespaces: no path here may start with /var/lib/clustertour or /run/clustertour, since the
# bare profile's down.sh unmounts and removes whatever does.
node_root=/var/lib/ctkadm
ns_root=/run/ctkadm

k8s_version="$(awk '$1=="k8s.io/kubernetes"{print $2; exit}' "$local_cluster_dir/k8s/go.mod")"
etcd_version="$(awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$local_cluster_dir/k8s/go.mod")"
# What kubeadm v1.33 deploys (cmd/kubeadm/app/constants): CoreDNS v1.12.0 and pause 3.10. Its etcd would be 3.5.24-0;
# ours is the pinned etcd the bare profile runs too, so the image is tagged with that version and kubeadm is told so
# (etcd.local.imageTag).
coredns_version=v1.12.0
pause_version=3.10
etcd_tag="${etcd_version#v}-0"

# Which checkout's state the running profile belongs to (there is one profile per machine: fixed names and addresses).
owner_file="$ns_root/owner"
# refuse_foreign: dies when the profile that runs belongs to another checkout (its pids and kubeconfig are there).
refuse_foreign() {
  local owner
  [[ -f $owner_file ]] && read -r owner <"$owner_file" || return 0
  [[ $owner == "$state" ]] && return 0
  die "the kubeadm profile running here belongs to $owner: use its kubeconfig, or stop it with KUBEADM_CLUSTER_DIR=$owner $kubeadm_dir/down.sh"
}

# The nodes: name, network namespace, address on the profile's own link. The first runs kubeadm init.
nodes=(kubeadm-control-plane kubeadm-worker)
declare -A node_netns=([kubeadm-control-plane]=ctk-cp [kubeadm-worker]=ctk-w1)
declare -A node_ip=([kubeadm-control-plane]=10.210.0.2 [kubeadm-worker]=10.210.0.3)
switch_netns=ctk-sw     # holds the bridge the nodes and the host are plugged into (no iptables rules of anyone's)
host_if=ctk-host        # the host's end; its address is link-scoped, so no "first global address" lookup sees it
host_ip=10.210.0.1
link_cidr=10.210.0.0/24
pod_subnet=10.244.0.0/16
service_subnet=10.96.0.0/12
control_plane_endpoint="${node_ip[kubeadm-control-plane]}:6443"
# A node's processes (supervised by unit.sh): containerd first, the kubelet once kubeadm wrote its configuration.
units=(containerd kubelet)

die() { echo "error: $*" >&2; exit 1; }
say() { echo ">> [kubeadm] $*" >&2; }

pid_alive() {
  local stat
  [[ -n $1 ]] && read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}
# stop_pid PID: TERM, then KILL after 10 s; waits until it is gone.
stop_pid() {
  local pid=$1 i
  kill -s "${2:-TERM}" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
  kill -s KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
}

# Per node: where its private directories live on the host, and its pinned namespaces.
node_dir() { echo "$node_root/$1"; }
mnt_pin() { echo "$ns_root/$1.mnt"; }
uts_pin() { echo "$ns_root/$1.uts"; }

# in_node NODE COMMAND...: runs COMMAND inside NODE's network, mount and UTS namespaces.
in_node() {
  local node=$1; shift
  nsenter --net="/run/netns/${node_netns[$node]}" --mount="$(mnt_pin "$node")" --uts="$(uts_pin "$node")" -- "$@"
}
# node_isolated NODE: true when NODE's namespaces exist and its /etc is the private overlay (never run kubeadm
# or a kubelet otherwise: they would write the host's /etc/kubernetes and /var/lib/kubelet).
node_isolated() {
  [[ -e /run/netns/${node_netns[$1]} ]] && mountpoint -q "$(mnt_pin "$1")" || return 1
  [[ $(in_node "$1" findmnt -n -o FSTYPE /etc 2>/dev/null) == overlay ]] &&
    [[ $(in_node "$1" findmnt -n -o SOURCE /var/lib 2>/dev/null) == *"$(node_dir "$1")/var-lib"* ]]
}

# unit_pid NODE UNIT: the pid of the unit's supervisor loop (unit.sh), if it runs.
unit_alive() { local pid; [[ -f "$pids/$1.$2" ]] && read -r pid <"$pids/$1.$2" && pid_alive "$pid"; }

bin_dir() { "$local_cluster_dir/build.sh" where | tail -1; }

# running_container NODE CONTAINER-NAME: the id of that container's running instance on NODE (the kubelet keeps the
# last exited one too), or nothing.
running_container() {
  local id
  for id in $(in_node "$1" ctr -n k8s.io containers ls -q "labels.\"io.kubernetes.container.name\"==$2"); do
    in_node "$1" ctr -n k8s.io task ls | awk -v id="$id" '$1==id && $3=="RUNNING" {found=1} END {exit !found}' && echo "$id"
  done
  return 0
}
