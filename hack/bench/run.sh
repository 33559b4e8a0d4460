#!/usr/bin/env bash
# `make bench`: the evidence receivers under cluster-wide load (in-process, no cluster), then N = 1, 10, 25
# concurrent tours measured against an independent watcher and the API server's own metrics; writes
# target/bench/results.json and the generated sections of docs/benchmarks.md.
# Options (environment): BENCH_N=1,10,25  BENCH_REPEATS=3 (runs per N, interleaved)  BENCH_IDLE_SECONDS=10
#   BENCH_BUSY=on|off  BENCH_BUSY_N=10  BENCH_BUSY_EVENTS_PER_SECOND=20  BENCH_BUSY_CRASH_PODS=3  BENCH_BUSY_FLAP=1-4
#   BENCH_HISTORY=200 (finished tours kept for the growth figure; 0 skips it)
#   BENCH_EVIDENCE=auto|off (the operator's audit/OTLP receivers on the local cluster's fixed ports: audit times)
#   BENCH_DOCS=on|off (off: only target/bench/results.json and target/bench/runs/<run>.json, for trial runs)
#   BENCH_ONLY=receivers (no cluster needed: `make bench-receivers`) | cluster | apiserver   BENCH_RECEIVER_SECONDS=20
#   BENCH_APISERVER=off: no audit+tracing on/off comparison (its last figures are kept) (it restarts kube-apiserver, so it runs only on the
#   project's own local cluster, .cluster/ of this checkout or of KUBECONFIG's, and is skipped with a reason elsewhere)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
started=$(date +%s)
only="${BENCH_ONLY:-}"
command="make bench"
[[ $only == receivers ]] && command="make bench-receivers"
bench() {
  (cd "$root/operator" && "$root/mvnw" -B -ntp -q org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
    -Dexec.mainClass=io.clustertour.operator.bench.Bench -Dexec.classpathScope=test \
    -Ddocs.write=true -Dbench.command="$command" "$@")
}
if [[ $only != receivers ]]; then
  "$root/hack/ensure-tools.sh"
  kubeconfig="$("$root/hack/use-cluster.sh" | tail -1)"
  echo ">> bench against $kubeconfig" >&2
  if pgrep -f 'cluster-tour-operator.jar' >/dev/null; then
    echo "error: a ClusterTour operator already runs on this machine (pgrep -af cluster-tour-operator.jar);" \
      "two operators reconciling the same tours would corrupt the figures" >&2
    exit 1
  fi
fi
# The jar the benchmark starts, and the test classes (the harness lives in src/test).
./mvnw -B -ntp -q -pl operator package -DskipTests -DskipITs
if [[ -z $only || $only == receivers ]]; then
  seconds="${BENCH_RECEIVER_SECONDS:-20}"
  # the JDK's HTTP server leaves TCP_NODELAY off, the operator turns it on: the same load both ways
  bench -Dbench.only=receivers -Dbench.receivers.seconds="$seconds" -Dsun.net.httpserver.nodelay=false \
    -Dbench.docs="${BENCH_DOCS:-on}"
  bench -Dbench.only=receivers -Dbench.receivers.seconds="$seconds" -Dbench.docs="${BENCH_DOCS:-on}"
fi
if [[ $only != receivers ]]; then
  bench -Dbench.only="${only:-cluster}" -Dbench.kubeconfig="$kubeconfig" -Dbench.n="${BENCH_N:-1,10,25}" \
    -Dbench.idleSeconds="${BENCH_IDLE_SECONDS:-10}" -Dbench.apiserver="${BENCH_APISERVER:-auto}" \
    -Dbench.repeats="${BENCH_REPEATS:-3}" -Dbench.busy="${BENCH_BUSY:-on}" -Dbench.busy.n="${BENCH_BUSY_N:-10}" \
    -Dbench.busy.eventsPerSecond="${BENCH_BUSY_EVENTS_PER_SECOND:-20}" \
    -Dbench.busy.crashPods="${BENCH_BUSY_CRASH_PODS:-3}" -Dbench.busy.flap="${BENCH_BUSY_FLAP:-1-4}" \
    -Dbench.history="${BENCH_HISTORY:-200}" -Dbench.evidence="${BENCH_EVIDENCE:-auto}" \
    -Dbench.docs="${BENCH_DOCS:-on}"
fi
echo ">> $command took $(( $(date +%s) - started ))s" >&2
