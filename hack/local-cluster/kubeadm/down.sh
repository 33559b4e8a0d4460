#!/usr/bin/env bash
# Stops the kubeadm profile by pid and removes all it made: pods, kubelets, containerds (and their shims), the
# nodes' cgroups, pinned namespaces, veths, the switch and the node directories; --keep-logs keeps its logs.
# Touches nothing of the bare profile: every process it stops is recorded by this profile or lives in one of its
# nodes' mount namespaces or cgroups.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
[[ $EUID -eq 0 ]] || die "run as root: the profile's processes and mounts belong to root"
refuse_foreign
keep_logs=false
[[ ${1:-} == --keep-logs ]] && keep_logs=true

# node_pids NODE: every process in NODE's mount namespace (containerd, its shims, the kubelet) or in its cgroups
# (the pods' processes, which have mount namespaces of their own).
node_pids() {
  local node=$1 mnt="" p
  [[ -e $(mnt_pin "$node") ]] && mnt="$(stat -L -c %i "$(mnt_pin "$node")" 2>/dev/null)"
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $p == "$$" ]] || ! pid_alive "$p" && continue # a zombie is gone already: its parent reaps it
    if [[ -n $mnt && $(stat -L -c %i "/proc/$p/ns/mnt" 2>/dev/null) == "$mnt" ]] ||
      grep -q ":/ctkadm-$node/" "/proc/$p/cgroup" 2>/dev/null; then
      echo "$p"
    fi
  done
}

for node in "${nodes[@]}"; do
  # The kubelets first, so that they restart nothing, then the pods through containerd, then containerd.
  for u in kubelet containerd; do
    if unit_alive "$node" "$u"; then
      if [[ $u == containerd ]] && node_isolated "$node"; then
        for task in $(in_node "$node" ctr -n k8s.io tasks list -q 2>/dev/null); do
          in_node "$node" ctr -n k8s.io tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
        done
      fi
      pid=$(cat "$pids/$node.$u")
      stop_pid "$pid"
      say "$node: stopped $u (pid $pid)"
    fi
    rm -f "$pids/$node.$u" "$pids/$node.$u.child"
  done
done
for node in "${nodes[@]}"; do
  # What is left (shims outlive containerd by design; pod processes): by pid, found by namespace or cgroup.
  # Again until none is found: a shim may still be starting one when the first pass runs.
  for ((i = 0; i < 50; i++)); do
    left="$(node_pids "$node")"
    [[ -z $left ]] && break
    for pid in $left; do
      what="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80)"
      kill -9 "$pid" 2>/dev/null && say "$node: killed leftover pid $pid ($what)"
    done
    sleep 0.2
  done
  [[ -z $(node_pids "$node") ]] || say "warning: $node: processes still left: $(node_pids "$node" | tr '\n' ' ')"
  for c in /sys/fs/cgroup/*/ctkadm-"$node"; do
    [[ -d $c ]] && find "$c" -depth -type d -exec rmdir {} + 2>/dev/null
  done
  for pin in "$(mnt_pin "$node")" "$(uts_pin "$node")"; do
    mountpoint -q "$pin" && umount "$pin"
    rm -f "$pin"
  done
  ip netns del "${node_netns[$node]}" 2>/dev/null
done
ip link del "$host_if" 2>/dev/null
ip netns del "$switch_netns" 2>/dev/null
rm -f "$owner_file"
rmdir "$ns_root" 2>/dev/null
# The node directories: nothing is mounted on them any more (their mounts lived in the namespaces just released).
if [[ -d $node_root ]]; then
  grep -q " $node_root" /proc/mounts && die "something is still mounted under $node_root: $(grep " $node_root" /proc/mounts)"
  rm -rf "$node_root"
fi
rm -rf "$kubeconfig" "$state"/*.yaml "$pids"
$keep_logs || rm -rf "$logs"
say "kubeadm profile stopped"
