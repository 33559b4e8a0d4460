#!/usr/bin/env bash
# `make bench`: N = 1, 10, 25 concurrent tours measured against an independent watcher and the API server's
# own metrics; writes target/bench/results.json and the generated section of docs/benchmarks.md.
# Options (environment): BENCH_N=1,10,25  BENCH_IDLE_SECONDS=20
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
started=$(date +%s)
"$root/hack/ensure-tools.sh"
kubeconfig="$("$root/hack/use-cluster.sh" | tail -1)"
echo ">> bench against $kubeconfig" >&2
if pgrep -f 'cluster-tour-operator.jar' >/dev/null; then
  echo "error: a ClusterTour operator already runs on this machine (pgrep -af cluster-tour-operator.jar);" \
    "two operators reconciling the same tours would corrupt the figures" >&2
  exit 1
fi
# The jar the benchmark starts, and the test classes (the harness lives in src/test).
mvn -B -ntp -q -pl operator package -DskipTests -DskipITs
cd operator
mvn -B -ntp -q org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.mainClass=io.clustertour.operator.bench.Bench -Dexec.classpathScope=test \
  -Ddocs.write=true -Dbench.kubeconfig="$kubeconfig" -Dbench.n="${BENCH_N:-1,10,25}" -Dbench.idleSeconds="${BENCH_IDLE_SECONDS:-20}"
echo ">> make bench took $(( $(date +%s) - started ))s" >&2
