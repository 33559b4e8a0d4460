#!/usr/bin/env bash
# `make demo`: a cluster, the CRD, the operator, the first example tour, and a printed report.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
source "$here/local-cluster/lib.sh"
tour="${DEMO_TOUR:-examples/01-first-tour.yaml}"
port="${HTTP_PORT:-8080}"
jar=operator/target/cluster-tour-operator.jar

"$here/ensure-tools.sh"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
export KUBECONFIG="$kubeconfig"
bin="$("$here/local-cluster/build.sh" | tail -1)"
k() { "$bin/kubectl" "$@"; }

say "building the operator"
./mvnw -B -ntp -q package -DskipTests
say "installing the CRD (kubectl apply -f crds/)"
k apply -f crds/ >/dev/null
k wait --for condition=Established crd/clustertours.clustertour.io --timeout 60s >/dev/null

mkdir -p "$logs"
if [[ -f $state/operator.pid ]] && kill -0 "$(cat "$state/operator.pid")" 2>/dev/null; then
  say "stopping the operator of an earlier demo (pid $(cat "$state/operator.pid"))"
  kill "$(cat "$state/operator.pid")" && sleep 1
fi
say "starting the operator (log: $logs/operator.log, web view: http://127.0.0.1:$port/)"
# A copy: a later `mvn package` replacing the jar under a running JVM breaks its class loading.
cp "$jar" "$state/operator.jar"
# On the local cluster the API server and the kubelet send their audit stream and traces to this host
# (hack/local-cluster/evidence.sh): the operator receives them. Elsewhere it runs without them and says so.
mapfile -t receivers < <(receiver_env "$kubeconfig")
env HTTP_PORT="$port" "${receivers[@]}" setsid java -jar "$state/operator.jar" run >"$logs/operator.log" 2>&1 < /dev/null &
echo $! >"$state/operator.pid"
for ((i = 0; i < 90; i++)); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$(cat "$state/operator.pid")" 2>/dev/null || die "the operator exited: see $logs/operator.log"
  sleep 1
done

name="$(awk '/^  name:/{print $2; exit}' "$tour")"
say "applying $tour (a fresh copy of tour '$name')"
k delete clustertour "$name" --ignore-not-found --wait=true >/dev/null
k apply -f "$tour" >/dev/null
java -jar "$jar" report "$name" --wait-seconds 240 || true
cat <<MSG

What next:
  kubectl get ct                       # all tours: state, stops done, verdicts
  kubectl describe ct $name           # the story as Kubernetes Events
  kubectl get ct $name -o yaml        # the full status: timeline, verdicts, latencies
  kubectl tour report $name           # the report above again (make kubectl-plugin installs kubectl tour)
  kubectl tour open $name             # its web page
  open http://127.0.0.1:$port/tours/$name   # the documented flow next to what happened
  kubectl apply -f examples/           # more tours: self-healing, scaling, a Job, failures, Korean
The operator keeps running (pid $(cat "$state/operator.pid")); stop it with: kill $(cat "$state/operator.pid")
(KUBECONFIG=$kubeconfig)
MSG
