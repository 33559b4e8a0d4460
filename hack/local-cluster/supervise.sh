#!/usr/bin/env bash
# The local cluster's supervisor, started by up.sh: what the kubelet does for a kubeadm node's static pods. Once a
# second it looks at every component's recorded pid; one that is gone (and not held by component.sh stop) is
# started again with its recorded command line, after a back-off that doubles from 1 s to 30 s while it keeps
# dying young. Per component it writes .cluster/pids/NAME.supervise (restarts, last exit and its reason, last
# restart); its own log is .cluster/logs/supervisor.log. It exits when the cluster is gone (no kubeconfig).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

period=1        # seconds between looks: a component that exits is noticed within about a second
first_delay=1   # seconds before the first restart; doubled after each restart of a component that died young
max_delay=30
stable=60       # a component that ran this long before exiting starts again after first_delay

declare -A delay=() due=() up_since=() pid_seen=() child=()

now() { printf '%(%s)T' -1; }
stamp() { date -u -d "@${1:-$(now)}" +%Y-%m-%dT%H:%M:%SZ; }
log() { echo "$(stamp) $*"; }

# record NAME KEY=VALUE...: updates NAME's lines in .cluster/pids/NAME.supervise (read by component.sh status and
# the tests), keeping the keys it is not given.
record() {
  local file="$pids/$1.supervise" kv; shift
  touch "$file"
  for kv in "$@"; do
    grep -v "^${kv%%=*}=" "$file" >"$file.tmp" || true
    echo "$kv" >>"$file.tmp"
    mv "$file.tmp" "$file"
  done
}

# exit_reason NAME PID: sets REPLY to how PID ended. The exit status is known only for processes this supervisor
# started (its children); the last log line usually says why either way (a scheduler that lost its lease says so).
exit_reason() {
  local name=$1 pid=$2 status last
  REPLY="exited"
  if [[ -n ${child[$pid]:-} ]]; then
    status=0
    wait "$pid" 2>/dev/null || status=$?
    if ((status > 128)); then REPLY="killed by SIG$(kill -l $((status - 128)))"; else REPLY="exit status $status"; fi
    REPLY+=" after $(($(now) - child[$pid]))s"
    unset "child[$pid]"
  fi
  last="$({ tail -c 2000 "$logs/$name.log" | grep -av '^---- ' | tail -1 | tr -d '\r\n' | cut -c1-200; } 2>/dev/null || true)"
  REPLY+="${last:+; last log line: $last}"
}

# restart NAME: starts NAME again unless, since it was seen gone, component.sh started it or put it on hold.
restart() {
  local name=$1 count pid ok
  if alive "$name" || held "$name" || [[ ! -f "$pids/$name" ]]; then return 0; fi
  count=$(($(sed -n 's/^restarts=//p' "$pids/$name.supervise" 2>/dev/null || true) + 1))
  echo "---- $(stamp) supervisor: restart $count of $name ----" >>"$logs/$name.log"
  # start_component's own complaint would repeat the log's last lines here: one line below says it.
  if start_recorded "$name" 2>/dev/null; then ok=true; else ok=false; fi
  read -r pid <"$pids/$name"
  child[$pid]=$(now)
  if $ok; then
    log "restarted $name (pid $pid, restart $count)"
  else
    log "restart $count of $name (pid $pid) exited at once: see $logs/$name.log"
  fi
  record "$name" "restarts=$count" "last_restart=$(stamp)"
}

# look NAME: one look at one component; restarts it once it has been gone for its current delay.
look() {
  local name=$1 pid t
  printf -v t '%(%s)T' -1
  # No command line: up.sh never started it. No pid file: down.sh (or an older component.sh) stopped it.
  [[ -s "$pids/$name.cmd" && -f "$pids/$name" ]] || return 0
  read -r pid <"$pids/$name" || return 0
  if pid_alive "$pid"; then
    unset "due[$name]"
    if [[ ${pid_seen[$name]:-} != "$pid" ]]; then
      pid_seen[$name]=$pid
      up_since[$name]=$t
    fi
    # Up for a while: the next exit is a new problem, not the same crash again.
    ((t - up_since[$name] < stable)) || delay[$name]=$first_delay
    return 0
  fi
  held "$name" && return 0
  : "${delay[$name]:=$first_delay}"
  if [[ -z ${due[$name]:-} ]]; then
    exit_reason "$name" "$pid"
    due[$name]=$((t + delay[$name]))
    record "$name" "last_exit=$(stamp "$t")" "last_reason=$REPLY"
    log "$name (pid $pid) is gone, $REPLY; restarting in ${delay[$name]}s"
  fi
  ((t >= due[$name])) || return 0
  with_lock restart "$name"
  unset "due[$name]"
  delay[$name]=$((delay[$name] * 2 > max_delay ? max_delay : delay[$name] * 2))
}

log "supervising ${components[*]} (pid $$, every ${period}s, restart delay ${first_delay}s doubling to ${max_delay}s)"
while [[ -f $kubeconfig ]]; do
  for c in "${components[@]}"; do look "$c"; done
  sleep "$period"
done
log "no $kubeconfig: the cluster is down, supervisor exits"
