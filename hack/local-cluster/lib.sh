# Shared paths and helpers of the local cluster scripts; sourced, not run.
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
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

# alive NAME: true when the process recorded for NAME still runs.
alive() { [[ -f "$pids/$1" ]] && kill -0 "$(cat "$pids/$1")" 2>/dev/null; }

# node_ip: the first global IPv4 address; the API server must advertise a non-loopback address.
node_ip() { ip -4 -o addr show scope global | awk '{split($4, a, "/"); print a[1]; exit}'; }

# start_component NAME COMMAND...: runs one component in the background, logging to .cluster/logs/NAME.log
# (truncated; LOG_APPEND=true appends, for restarts). The exact command line is recorded in
# .cluster/pids/NAME.cmd so that component.sh can start the same component again.
start_component() {
  local name=$1; shift
  printf '%s\0' "$@" >"$pids/$name.cmd"
  if [[ ${LOG_APPEND:-false} == true ]]; then
    setsid "$@" >>"$logs/$name.log" 2>&1 < /dev/null &
  else
    setsid "$@" >"$logs/$name.log" 2>&1 < /dev/null &
  fi
  echo $! >"$pids/$name"
  sleep 0.2
  alive "$name" || die "$name exited at once: see $logs/$name.log"$'\n'"$(tail -5 "$logs/$name.log")"
}
