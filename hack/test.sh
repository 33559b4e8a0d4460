#!/usr/bin/env bash
# `make test`: a real cluster (KUBECONFIG or the local one), the pinned Prometheus, then build, unit tests and the
# real-cluster ITs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/ensure-tools.sh"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
# PrometheusIT scrapes the operator with a real Prometheus: build it (once per version) before Maven runs
"$here/prometheus/build.sh" >/dev/null
echo ">> build, unit tests, then real-cluster tests against $kubeconfig" >&2
mvn -B -ntp verify -Dit.kubeconfig="$kubeconfig"
