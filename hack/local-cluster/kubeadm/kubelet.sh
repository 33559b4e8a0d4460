#!/usr/bin/env bash
# kubelet.sh KUBELET: runs inside a node; starts the kubelet as kubeadm's systemd drop-in (10-kubeadm.conf) does,
# once kubeadm init/join has written its configuration (until then the real unit crash-loops; this one waits).
set -euo pipefail
until [[ -f /var/lib/kubelet/config.yaml && -f /var/lib/kubelet/kubeadm-flags.env ]] &&
  [[ -f /etc/kubernetes/kubelet.conf || -f /etc/kubernetes/bootstrap-kubelet.conf ]]; do
  sleep 0.5
done
KUBELET_KUBEADM_ARGS=""
source /var/lib/kubelet/kubeadm-flags.env
# shellcheck disable=SC2086 # the env file holds a flag list, word-split as systemd does
exec "$1" --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf \
  --config=/var/lib/kubelet/config.yaml $KUBELET_KUBEADM_ARGS
