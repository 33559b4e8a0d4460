# Shared paths and helpers of the local cluster scripts; sourced, not run.
lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$lib_dir/../.." && pwd)"
state="${CLUSTER_DIR:-$repo_root/.cluster}"     # certificates, configs, etcd data, logs, pids, kubeconfig
var_dir=/var/lib/clustertour                      # containerd and kubelet roots (mounts live here)
run_dir=/run/clustertour                          # sockets
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
logs="$state/logs"
pids="$state/pids"
pki="$state/pki"
kubeconfig="$state/kubeconfig"
containerd_sock="$run_dir/containerd/containerd.sock"
service_cidr=10.96.0.0/16
service_ip=10.96.0.1
pod_cidr=10.88.0.0/16
cluster_domain=cluster.local
# Where the API server and the kubelet send evidence: the operator's receivers on this host (make demo, the ITs).
audit_url="${CLUSTERTOUR_AUDIT_URL:-https://127.0.0.1:9443/audit}"
otlp_endpoint="${CLUSTERTOUR_OTLP_ENDPOINT:-127.0.0.1:4317}"
# The components export to otlp-relay at otlp_endpoint, which forwards to the operator's receiver here.
otlp_receiver="${CLUSTERTOUR_OTLP_RECEIVER:-127.0.0.1:14317}"
# receiver_env KUBECONFIG: the operator's environment for its evidence receivers when KUBECONFIG is this local
# cluster's (its API server and kubelet send their audit stream and traces to this host); nothing otherwise.
receiver_env() {
  [[ $1 == "$kubeconfig" && -f $pki/evidence-receiver.crt ]] || return 0
  local audit_port
  audit_port="$(sed -E 's#^https://[^:/]+:([0-9]+)/.*#\1#' <<<"$audit_url")"
  printf '%s\n' AUDIT_WEBHOOK_PORT="$audit_port" AUDIT_WEBHOOK_BIND=127.0.0.1 \
    AUDIT_TLS_CERT="$pki/evidence-receiver.crt" AUDIT_TLS_KEY="$pki/evidence-receiver.key" \
    AUDIT_CLIENT_CA="$pki/ca.crt" OTLP_GRPC_PORT="${otlp_receiver##*:}"
}
# Spans leave in batches every 5 s by default (OpenTelemetry's batch processor); a tour wants them while it runs.
otel_batch=OTEL_BSP_SCHEDULE_DELAY=200
node_name="$(hostname | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9.\n-' '-')"

die() { echo "error: $*" >&2; exit 1; }
say() { echo ">> $*" >&2; }

# The components in the order they start (down.sh stops them the other way round, containerd last).
components=(containerd etcd otlp-relay kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)

# pid_alive PID: true while the process runs. A killed process nobody has reaped yet (this machine's init reaps
# orphans only every few seconds) still answers kill -0, so its state in /proc must not be Z.
pid_alive() {
  local stat
  [[ -n $1 ]] && read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}
# alive NAME: true when the process recorded for NAME still runs.
alive() { local pid; [[ -f "$pids/$1" ]] && read -r pid <"$pids/$1" && pid_alive "$pid"; }
# stop_pid PID [SIGNAL]: signals PID (default TERM) and waits until it is gone; SIGKILL after 10 s.
stop_pid() {
  local pid=$1 i
  kill -s "${2:-TERM}" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
  kill -s KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
}
# held NAME: component.sh stop put NAME on hold (a fault test wants it down): the supervisor leaves it stopped.
held() { [[ -e "$pids/$1.held" ]]; }

# with_lock COMMAND...: runs COMMAND holding the cluster's component lock, so that the supervisor, component.sh and
# down.sh never start or stop a component at the same time (two instances, one of them untracked).
with_lock() {
  local rc=0 lock_fd
  exec {lock_fd}>>"$pids/.lock"
  flock "$lock_fd"
  "$@" || rc=$?
  exec {lock_fd}>&-
  return $rc
}

# node_ip: the first global IPv4 address; the API server must advertise a non-loopback address.
node_ip() { ip -4 -o addr show scope global | awk '{split($4, a, "/"); print a[1]; exit}'; }

# detach APPEND LOG COMMAND...: turns this background shell into COMMAND, in a session of its own, logging to LOG.
detach() {
  local append=$1 log=$2 fd; shift 2
  # Nothing but the log goes with it: a component keeping a descriptor of its starter's (the component lock, a
  # caller's pipe) would hold the lock, or keep the caller waiting for the pipe's end, for as long as it runs.
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    ((fd > 2)) || continue
    exec {fd}>&-
  done
  [[ $append == true ]] && exec setsid "$@" >>"$log" 2>&1 </dev/null
  exec setsid "$@" >"$log" 2>&1 </dev/null
}

# start_component NAME COMMAND...: runs one component in the background, logging to .cluster/logs/NAME.log
# (truncated; LOG_APPEND=true appends, for restarts). The exact command line is recorded in
# .cluster/pids/NAME.cmd so that component.sh and the supervisor can start the same component again.
# Starting clears a hold, after the new pid is recorded so the supervisor never sees it gone and not held.
start_component() {
  local name=$1; shift
  printf '%s\0' "$@" >"$pids/$name.cmd"
  detach "${LOG_APPEND:-false}" "$logs/$name.log" "$@" &
  echo $! >"$pids/$name"
  rm -f "$pids/$name.held"
  sleep 0.2
  alive "$name" && return 0
  echo "error: $name exited at once: see $logs/$name.log"$'\n'"$(tail -5 "$logs/$name.log")" >&2
  return 1
}

# start_supervisor: starts supervise.sh for this cluster unless it runs; CLUSTER_DIR on its command line says
# which cluster it watches (the scripts of another checkout may supervise this one: ps shows which).
start_supervisor() {
  alive supervisor && return 0
  LOG_APPEND=true start_component supervisor env CLUSTER_DIR="$state" "$lib_dir/supervise.sh"
  say "supervisor started (pid $(cat "$pids/supervisor"), log $logs/supervisor.log)"
}
# stop_supervisor: ends the supervisor, holding the lock so that it is not in the middle of a restart.
stop_supervisor() {
  local pid
  alive supervisor || { rm -f "$pids/supervisor"; return 0; }
  read -r pid <"$pids/supervisor"
  with_lock stop_pid "$pid"
  rm -f "$pids/supervisor"
  say "stopped supervisor (pid $pid)"
}

# start_recorded NAME: starts NAME again with the command line up.sh recorded, appending to its log.
start_recorded() {
  local cmd=()
  [[ -s "$pids/$1.cmd" ]] || die "no recorded command line for $1 ($pids/$1.cmd): start the cluster with make cluster-up"
  mapfile -d '' cmd <"$pids/$1.cmd"
  LOG_APPEND=true start_component "$1" "${cmd[@]}"
}
