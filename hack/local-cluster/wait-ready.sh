#!/usr/bin/env bash
# Waits until the local cluster's node is Ready and its control plane has elected leaders.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bin="$("$(dirname "$0")/build.sh" | tail -1)"
k() { "$bin/kubectl" --kubeconfig "$kubeconfig" "$@"; }
for ((i = 0; i < 180; i++)); do
  ready=$(k get node "$node_name" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null || true)
  leases=$(k -n kube-system get lease kube-scheduler kube-controller-manager -o name 2>/dev/null | wc -l || true)
  sa=$(k -n default get serviceaccount default -o name 2>/dev/null || true)
  if [[ $ready == True && $leases == 2 && -n $sa ]]; then
    say "node $node_name Ready; scheduler and controller-manager hold their leases"
    exit 0
  fi
  for c in "${components[@]}"; do
    alive "$c" || die "$c stopped: see $logs/$c.log"$'\n'"$(tail -5 "$logs/$c.log" 2>/dev/null)"
  done
  sleep 1
done
die "node $node_name not Ready after 180s (node Ready=$ready, leases=$leases): see $logs/kubelet.log"
