#!/usr/bin/env bash
# Builds the pinned chart linters the chart tests run, kubeconform and kube-score, from the Go module proxy,
# once per version. Output: the bin directory path on stdout's last line.
# Cache: ${CLUSTERTOUR_CACHE:-~/.cache/clustertour}.
set -euo pipefail
kubeconform_version=v0.8.0
kube_score_version=v1.20.0
go_version="$(go env GOVERSION 2>/dev/null || true)"
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
bin="$cache/chart-lint-kubeconform-$kubeconform_version-kube-score-$kube_score_version-$go_version/bin"

if [[ -n $go_version && -f $bin/.complete ]]; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "error: go is not installed (run hack/ensure-tools.sh)" >&2; exit 1; }
mkdir -p "$bin"
log="$bin/../build.log"
: >"$log"
echo ">> building kubeconform $kubeconform_version and kube-score $kube_score_version with $go_version (once; log: $log)" >&2
started=$(date +%s)
# one module each: go install takes several packages at one version only when they share a module
for pkg in "github.com/yannh/kubeconform/cmd/kubeconform@$kubeconform_version" \
  "github.com/zegl/kube-score/cmd/kube-score@$kube_score_version"; do
  if ! GOBIN="$bin.tmp" GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 \
    go install -trimpath -ldflags "-s -w" "$pkg" >>"$log" 2>&1; then
    echo "error: go install $pkg failed: see $log" >&2
    tail -20 "$log" >&2
    exit 1
  fi
done
mv "$bin.tmp/kubeconform" "$bin.tmp/kube-score" "$bin/"
rmdir "$bin.tmp"
"$bin/kubeconform" -v >&2
touch "$bin/.complete"
echo ">> chart linters built in $(($(date +%s) - started))s" >&2
echo "$bin"
