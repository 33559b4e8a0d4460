#!/usr/bin/env bash
# Stops, starts or restarts ONE component of the local cluster (by recorded pid), with the exact command line
# up.sh started it with; `ensure` starts every component that is not running. Used by the fault tests.
#   component.sh stop NAME [--kill]   SIGTERM (--kill: SIGKILL, like a crash); waits until the process is gone
#   component.sh start NAME           starts it again (log appended) and waits until it answers its health check
#   component.sh restart NAME [--kill]
#   component.sh status [NAME]        running/stopped per component; exit 1 if NAME (or any) is stopped
#   component.sh ensure               starts, in dependency order, every component that is not running
set -euo pipefail
source "$(dirname "$0")/lib.sh"
components=(containerd etcd otlp-relay kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

usage() { die "usage: $0 stop|start|restart NAME [--kill] | status [NAME] | ensure  (NAME: ${components[*]})"; }
known() { local c; for c in "${components[@]}"; do [[ $c == "$1" ]] && return 0; done; return 1; }

# remember NAME: keeps the running command line when up.sh predates the .cmd record (clusters started earlier).
remember() {
  [[ -s "$pids/$1.cmd" ]] && return 0
  alive "$1" && cat "/proc/$(cat "$pids/$1")/cmdline" >"$pids/$1.cmd"
}

# healthy NAME: the component's own health endpoint (or, for the kubelet, also the node's Ready condition) answers.
healthy() {
  local pki_args=(--cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key")
  case $1 in
    containerd) ctr --address "$containerd_sock" version ;;
    etcd) curl -sf http://127.0.0.1:2379/health ;;
    otlp-relay) ss -Hltn "sport = :${otlp_endpoint##*:}" | grep -q . ;;
    kube-apiserver) curl -sf "${pki_args[@]}" "https://$(node_ip):6443/readyz" ;;
    kube-controller-manager) curl -sfk https://127.0.0.1:10257/healthz ;;
    kube-scheduler) curl -sfk https://127.0.0.1:10259/healthz ;;
    kubelet)
      curl -sf http://127.0.0.1:10248/healthz &&
        [[ $(curl -sf "${pki_args[@]}" "https://$(node_ip):6443/api/v1/nodes/$node_name" |
          python3 -c 'import json,sys; print([c["status"] for c in json.load(sys.stdin)["status"]["conditions"] if c["type"]=="Ready"][0])') == True ]] ;;
    kube-proxy) curl -sf http://127.0.0.1:10256/healthz ;;
  esac
}

stop() { # NAME [--kill]
  local name=$1 signal=TERM pid
  [[ ${2:-} == --kill ]] && signal=KILL
  remember "$name" || true
  if ! alive "$name"; then
    say "$name is not running"
    return 0
  fi
  pid=$(cat "$pids/$name")
  kill -s "$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pids/$name"
  say "stopped $name (pid $pid, SIG$signal)"
}

start() { # NAME
  local name=$1 cmd=()
  if alive "$name"; then
    say "$name already running (pid $(cat "$pids/$name"))"
  else
    [[ -s "$pids/$name.cmd" ]] || die "no recorded command line for $name ($pids/$name.cmd): start the cluster with make cluster-up"
    mapfile -d '' cmd <"$pids/$name.cmd"
    LOG_APPEND=true start_component "$name" "${cmd[@]}"
    say "started $name (pid $(cat "$pids/$name"))"
  fi
  for ((i = 0; i < 120; i++)); do
    healthy "$name" >/dev/null 2>&1 && { say "$name healthy"; return 0; }
    alive "$name" || die "$name exited: see $logs/$name.log"$'\n'"$(tail -5 "$logs/$name.log")"
    sleep 0.5
  done
  die "$name not healthy after 60s: see $logs/$name.log"
}

[[ $EUID -eq 0 ]] || die "the local cluster's processes belong to root: run as root"
[[ -f $kubeconfig ]] || die "the local cluster is not running (no $kubeconfig): make cluster-up"
# A control-plane restart can end other components (the scheduler and controller-manager exit when they cannot
# renew their leases): keep every running command line first, so `ensure` can bring them back.
for c in "${components[@]}"; do remember "$c" || true; done
action=${1:-}
case $action in
  stop | start | restart)
    [[ $# -ge 2 ]] && known "$2" || usage
    case $action in
      stop) stop "$2" "${3:-}" ;;
      start) start "$2" ;;
      restart) stop "$2" "${3:-}"; start "$2" ;;
    esac ;;
  status)
    rc=0
    for c in "${components[@]}"; do
      [[ -n ${2:-} && $c != "$2" ]] && continue
      if alive "$c"; then echo "$c running $(cat "$pids/$c")"; else echo "$c stopped"; rc=1; fi
    done
    exit $rc ;;
  ensure)
    for c in "${components[@]}"; do alive "$c" || start "$c"; done ;;
  *) usage ;;
esac
