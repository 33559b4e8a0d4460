#!/usr/bin/env bash
# Stops, starts or restarts ONE component of the local cluster (by recorded pid), with the exact command line
# up.sh started it with; `ensure` starts every component that is not running. Used by the fault tests.
# The supervisor (supervise.sh) restarts a component that exits, except one stopped here: that one is held
# (stays down, like an outage a test wants) until `start`.
#   component.sh stop NAME [--kill]   holds NAME, then SIGTERM (--kill: SIGKILL, like a crash); waits until it is gone
#   component.sh start NAME           starts it again (log appended), clears the hold, waits until it answers its
#                                     health check
#   component.sh restart NAME [--kill]
#   component.sh status [NAME]        state (running/stopped/held), pid, restarts by the supervisor, last restart and
#                                     last exit per component and for the supervisor; exit 1 if NAME (or any) is down
#   component.sh healthy NAME         exit 0 when NAME answers its health check
#   component.sh ensure               starts, in dependency order, every component that is not running (held ones
#                                     too), and the supervisor
# NAME may also be `supervisor` (stop/start/status): stopping it pauses supervision.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() { die "usage: $0 stop|start|restart NAME [--kill] | status [NAME] | healthy NAME | ensure  (NAME: ${components[*]} supervisor)"; }
known() { local c; for c in "${components[@]}" supervisor; do [[ $c == "$1" ]] && return 0; done; return 1; }

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
    supervisor) alive supervisor ;;
  esac
}

# hold_and_signal NAME SIGNAL: puts NAME on hold before signalling it, so the supervisor sees it held once it is gone.
hold_and_signal() {
  local name=$1 pid
  touch "$pids/$name.held"
  if ! alive "$name"; then
    rm -f "$pids/$name"
    say "$name is not running (held)"
    return 0
  fi
  read -r pid <"$pids/$name"
  stop_pid "$pid" "$2"
  rm -f "$pids/$name"
  say "stopped $name (pid $pid, SIG$2; held until component.sh start $name)"
}

stop() { # NAME [--kill]
  local signal=TERM
  [[ ${2:-} == --kill ]] && signal=KILL
  if [[ $1 == supervisor ]]; then stop_supervisor; return 0; fi
  remember "$1" || true
  with_lock hold_and_signal "$1" "$signal"
}

# start_unless_alive NAME: starts NAME unless it runs (the supervisor may have started it a moment ago).
start_unless_alive() {
  if alive "$1"; then
    rm -f "$pids/$1.held"
    say "$1 already running (pid $(cat "$pids/$1"))"
  else
    start_recorded "$1" || return 1
    say "started $1 (pid $(cat "$pids/$1"))"
  fi
}

start() { # NAME
  local name=$1
  if [[ $name == supervisor ]]; then start_supervisor; return 0; fi
  with_lock start_unless_alive "$name" || die "$name did not start"
  for ((i = 0; i < 120; i++)); do
    healthy "$name" >/dev/null 2>&1 && { say "$name healthy"; return 0; }
    alive "$name" || die "$name exited: see $logs/$name.log"$'\n'"$(tail -5 "$logs/$name.log")"
    sleep 0.5
  done
  die "$name not healthy after 60s: see $logs/$name.log"
}

# supervised NAME KEY: what the supervisor recorded for NAME (restarts, last_restart, last_exit, last_reason).
supervised() { sed -n "s/^$2=//p" "$pids/$1.supervise" 2>/dev/null | head -1 || true; }

# status_line NAME: one row of `status`; returns 1 when NAME does not run.
status_line() {
  local name=$1 state=stopped pid=- restarts=- rc=0
  if alive "$name"; then
    state=running
    read -r pid <"$pids/$name"
  else
    held "$name" && state=held
    rc=1
  fi
  [[ $name == supervisor ]] || restarts="$(supervised "$name" restarts)"
  printf '%-24s %-8s %-8s %-9s %-21s %s\n' "$name" "$state" "$pid" "${restarts:-0}" \
    "$(supervised "$name" last_restart | grep . || echo -)" "$(supervised "$name" last_reason | grep . || echo -)"
  return $rc
}

status() { # [NAME]
  local c rc=0
  [[ -n ${1:-} ]] || printf '%-24s %-8s %-8s %-9s %-21s %s\n' COMPONENT STATE PID RESTARTS "LAST RESTART" "LAST EXIT"
  for c in "${components[@]}" supervisor; do
    [[ -n ${1:-} && $c != "$1" ]] && continue
    status_line "$c" || rc=1
  done
  return $rc
}

[[ $EUID -eq 0 ]] || die "the local cluster's processes belong to root: run as root"
[[ -f $kubeconfig ]] || die "the local cluster is not running (no $kubeconfig): make cluster-up"
# A control-plane restart can end other components (the scheduler and controller-manager exit when they cannot
# renew their leases): keep every running command line first, so they can be started again.
for c in "${components[@]}"; do remember "$c" || true; done
action=${1:-}
case $action in
  stop | start | restart | healthy)
    [[ $# -ge 2 ]] && known "$2" || usage
    case $action in
      stop) stop "$2" "${3:-}" ;;
      start) start "$2" ;;
      restart) stop "$2" "${3:-}"; start "$2" ;;
      healthy) healthy "$2" >/dev/null 2>&1 ;;
    esac ;;
  status) status "${2:-}" ;;
  ensure)
    for c in "${components[@]}"; do alive "$c" || start "$c"; done
    start_supervisor ;;
  *) usage ;;
esac
