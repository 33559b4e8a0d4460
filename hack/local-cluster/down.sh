#!/usr/bin/env bash
# Stops every process the local cluster started (by recorded pid) and removes its state; --keep-logs keeps logs.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
[[ $EUID -eq 0 ]] || die "run as root: the cluster's processes and mounts belong to root"
keep_logs=false
[[ ${1:-} == --keep-logs ]] && keep_logs=true
# The supervisor first: it would start again what is stopped below.
stop_supervisor
# Then the kubelet so it does not restart pods, then the control plane, containerd last.
for c in kube-proxy kubelet kube-scheduler kube-controller-manager kube-apiserver otlp-relay etcd; do
  if alive "$c"; then
    pid=$(cat "$pids/$c")
    stop_pid "$pid"
    say "stopped $c (pid $pid)"
  fi
  rm -f "$pids/$c"
done
if alive containerd; then
  # Pod containers are children of shims, not of containerd: stop them through containerd first.
  for ns in k8s.io; do
    for task in $(ctr --address "$containerd_sock" -n "$ns" tasks list -q 2>/dev/null); do
      ctr --address "$containerd_sock" -n "$ns" tasks kill -s SIGKILL "$task" >/dev/null 2>&1 || true
    done
  done
  sleep 1
  pid=$(cat "$pids/containerd")
  stop_pid "$pid"
  say "stopped containerd (pid $pid)"
fi
rm -f "$pids/containerd" "$pids"/*.held "$pids"/*.supervise
# Shims outlive containerd by design; only those serving this cluster's containerd are ours.
for shim in $(pgrep -f "containerd-shim-runc-v2 .*-address $containerd_sock" 2>/dev/null); do
  kill -9 "$shim" 2>/dev/null || true
done
# Mounts of pod volumes and container root filesystems live under our own directories only.
for dir in "$var_dir" "$run_dir"; do
  grep -o " $dir[^ ]*" /proc/mounts | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
done
ip link delete ctbr0 2>/dev/null || true
# kube-proxy's own clean-up removes the iptables chains it wrote.
bin="$(ls -d "$cache"/k8s-*/bin 2>/dev/null | head -1)"
[[ -x $bin/kube-proxy ]] && "$bin/kube-proxy" --cleanup >/dev/null 2>&1
rm -rf "$var_dir" "$run_dir" "$state/etcd" "$state/pki" "$kubeconfig" "$state"/*.yaml "$state"/*.toml
$keep_logs || rm -rf "$logs"
say "local cluster stopped"
