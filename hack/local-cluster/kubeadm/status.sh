#!/usr/bin/env bash
# Per node of the kubeadm profile: each unit (containerd, kubelet) running/stopped, its pid and the restarts
# unit.sh made; then the nodes and kube-system's pods as the API server sees them. Exit 1 when a unit is down.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
rc=0
printf '%-24s %-11s %-8s %-8s %s\n' NODE UNIT STATE PID RESTARTS
for node in "${nodes[@]}"; do
  for u in "${units[@]}"; do
    state=stopped pid=- restarts="restarts=0"
    if unit_alive "$node" "$u"; then
      state=running
      pid="$(cat "$pids/$node.$u.child" 2>/dev/null || echo -)"
    else
      rc=1
    fi
    [[ -f "$pids/$node.$u.restarts" ]] && restarts="$(cat "$pids/$node.$u.restarts")"
    printf '%-24s %-11s %-8s %-8s %s\n' "$node" "$u" "$state" "$pid" "$restarts"
  done
done
if [[ -f $kubeconfig ]]; then
  kubectl="$(bin_dir)/kubectl"
  "$kubectl" --kubeconfig "$kubeconfig" get nodes -o wide --request-timeout 5s || rc=1
  "$kubectl" --kubeconfig "$kubeconfig" -n kube-system get pods -o wide --request-timeout 5s || rc=1
fi
exit $rc
