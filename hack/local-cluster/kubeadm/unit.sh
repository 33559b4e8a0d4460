#!/usr/bin/env bash
# unit.sh NODE UNIT COMMAND...: keeps COMMAND running inside NODE's namespaces, as systemd's Restart=always does
# for a kubeadm node's containerd and kubelet: a process that exits starts again after a back-off (1 s doubling to
# 10 s while it keeps dying young). Writes .cluster-kubeadm/pids/NODE.UNIT.child (the process's pid) and
# NODE.UNIT.restarts (count, last exit status, when). SIGTERM stops the process, then this loop.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
node=$1 unit=$2; shift 2
child="" stopping=false delay=1 restarts=0
trap 'stopping=true; [[ -n $child ]] && stop_pid "$child"; rm -f "$pids/$node.$unit.child"; exit 0' TERM INT
while true; do
  started=$(date +%s)
  # exec: a function run with & is a subshell that would only fork nsenter, and a TERM to it would orphan the
  # process; nsenter itself execs COMMAND (it enters no pid namespace), so $! is the process's own pid.
  (exec nsenter --net="/run/netns/${node_netns[$node]}" --mount="$(mnt_pin "$node")" --uts="$(uts_pin "$node")" -- "$@") &
  child=$!
  echo "$child" >"$pids/$node.$unit.child"
  wait "$child"
  rc=$?
  $stopping && exit 0
  restarts=$((restarts + 1))
  echo "restarts=$restarts last_exit=$rc last_restart=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$pids/$node.$unit.restarts"
  echo "$(date -u +%FT%TZ) unit.sh: $unit exited ($rc), restart $restarts in ${delay}s" >&2
  (( $(date +%s) - started > 60 )) && delay=1
  sleep "$delay" & wait $!
  $stopping && exit 0
  delay=$((delay * 2 > 10 ? 10 : delay * 2))
done
