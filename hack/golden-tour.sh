#!/usr/bin/env bash
# Records the golden tour GoldenTourTest reads: runs the operator against the cluster, applies
# operator/src/test/resources/golden/unseen-mix-tour.yaml and keeps its stops' status.
# Usage: hack/golden-tour.sh   (KUBECONFIG or the local cluster; run `make build` first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
source "$here/local-cluster/lib.sh"
golden=operator/src/test/resources/golden
port="${GOLDEN_PORT:-8091}"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
export KUBECONFIG="$kubeconfig"
bin="$("$here/local-cluster/build.sh" | tail -1)"
k() { "$bin/kubectl" "$@"; }

k apply -f crds/ >/dev/null
k wait --for condition=Established crd/clustertours.clustertour.io --timeout 60s >/dev/null
jar="$(mktemp -d)/operator.jar"
cp operator/target/cluster-tour-operator.jar "$jar"
mapfile -t receivers < <(receiver_env "$kubeconfig")
env HTTP_PORT="$port" "${receivers[@]}" java -jar "$jar" run >"${jar%.jar}.log" 2>&1 &
operator=$!
trap 'kill $operator 2>/dev/null || true' EXIT
for ((i = 0; i < 90; i++)); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 1
done
# with the operator running, so its finalizer lets an earlier recording's tour go
k delete clustertour unseen-mix --ignore-not-found --wait=true >/dev/null
k apply -f "$golden/unseen-mix-tour.yaml" >/dev/null
k wait clustertour/unseen-mix --for=condition=Completed --timeout=300s >/dev/null
k get clustertour unseen-mix -o json |
  python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["status"]["stops"], indent=1, ensure_ascii=False))' \
    >"$golden/unseen-mix.json"
k delete clustertour unseen-mix --wait=true >/dev/null
echo ">> $golden/unseen-mix.json: $(wc -c <"$golden/unseen-mix.json") bytes"
