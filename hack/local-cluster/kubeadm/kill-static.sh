#!/usr/bin/env bash
# kill-static.sh COMPONENT [SIGNAL]: kills the running container of a control-plane static pod (kube-apiserver,
# kube-scheduler, ...) on the kubeadm profile's control-plane node, as a crash would (default SIGKILL), and prints
# its id. Nothing restarts it but the node's kubelet, which is the point: the fault tests show it does.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
component=${1:?usage: kill-static.sh COMPONENT [SIGNAL]} signal=${2:-KILL}
[[ $EUID -eq 0 ]] || die "the kubeadm profile's nodes are namespaces: run as root"
refuse_foreign
id="$(running_container "${nodes[0]}" "$component")"
[[ -n $id ]] || die "no running $component container on ${nodes[0]}"
in_node "${nodes[0]}" ctr -n k8s.io task kill -s "$signal" "$id"
echo "$id"
