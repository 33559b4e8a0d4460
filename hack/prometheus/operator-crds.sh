#!/usr/bin/env bash
# Fetches, once per version, prometheus-operator's own ServiceMonitor and PrometheusRule CRDs (the real
# schemas, from the pinned Go module on the module proxy), so the chart's monitoring objects are validated by
# the API server as on a cluster running kube-prometheus-stack. Output: the directory on stdout's last line.
set -euo pipefail
version=v0.85.0
module=github.com/prometheus-operator/prometheus-operator
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
out="$cache/prometheus-operator-crds-$version"
files=(monitoring.coreos.com_servicemonitors.yaml monitoring.coreos.com_prometheusrules.yaml)

if [[ -f $out/.complete ]]; then
  echo "$out"
  exit 0
fi
command -v go >/dev/null || { echo "error: go is not installed (run hack/ensure-tools.sh)" >&2; exit 1; }
mkdir -p "$out"
exec 9>"$out/.lock"
flock 9
if [[ ! -f $out/.complete ]]; then
  echo ">> fetching $module@$version's CRDs from the Go module proxy (once)" >&2
  # -modcacherw: the module cache stays deletable; the download needs no go.mod
  dir="$(cd "$out" && GOFLAGS=-modcacherw GOTOOLCHAIN=local go mod download -json "$module@$version" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
  for f in "${files[@]}"; do
    install -m 0644 "$dir/example/prometheus-operator-crd/$f" "$out/$f"
  done
  touch "$out/.complete"
fi
echo "$out"
