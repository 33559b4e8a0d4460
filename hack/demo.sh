#!/usr/bin/env bash
# `make demo`: a cluster, the CRD, the operator, the first example tour, and a printed report.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/ensure-tools.sh"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
echo ">> cluster ready: $kubeconfig"
echo ">> the operator is not built yet (issue #3); the demo will install the CRD, run it and apply examples/"
