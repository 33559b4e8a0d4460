#!/usr/bin/env bash
# `make test`: a real cluster (KUBECONFIG or the local one), then build, unit tests and the real-cluster ITs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/ensure-tools.sh"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
echo ">> build, unit tests, then real-cluster tests against $kubeconfig" >&2
mvn -B -ntp verify -Dit.kubeconfig="$kubeconfig"
