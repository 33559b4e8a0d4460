#!/usr/bin/env bash
# Builds the pinned Prometheus server and promtool from the Go module proxy, once per version, without the
# web UI's assets (only the HTTP API is used) and without service discovery beyond static/file/http targets.
# Output: the bin directory path on stdout's last line. Cache: ${CLUSTERTOUR_CACHE:-~/.cache/clustertour}.
set -euo pipefail
# Prometheus 3.x is published on the module proxy as v0.3MM.P for v3.MM.P.
prometheus_module_version=v0.316.0
prometheus_version=3.16.0
go_version="$(go env GOVERSION 2>/dev/null || true)"
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
bin="$cache/prometheus-v$prometheus_version-$go_version/bin"

if [[ -n $go_version && -f $bin/.complete ]]; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "error: go is not installed (run hack/ensure-tools.sh)" >&2; exit 1; }
mkdir -p "$bin"
# two callers at once (tests, a second checkout) would share bin.tmp: the second waits, then reuses
exec 9>"$bin/../.build.lock"
flock 9
if [[ -f $bin/.complete ]]; then
  echo "$bin"
  exit 0
fi
log="$bin/../build.log"
: >"$log"
common=github.com/prometheus/common/version
ldflags="-s -w -X $common.Version=$prometheus_version -X $common.Revision=$prometheus_module_version"
ldflags+=" -X $common.Branch=HEAD -X $common.BuildUser=clustertour -X $common.BuildDate=$(date -u +%Y%m%d-%H:%M:%S)"
echo ">> building Prometheus $prometheus_version and promtool with $go_version (once; a cold build takes a few minutes on 2 cores; log: $log)" >&2
started=$(date +%s)
# remove_all_sd: the static targets the tests scrape need no cloud SDKs; without builtinassets the UI is
# read from disk and simply absent, the API is complete.
if ! GOBIN="$bin.tmp" GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 \
  go install -trimpath -tags "netgo,remove_all_sd" -ldflags "$ldflags" \
    "github.com/prometheus/prometheus/cmd/prometheus@$prometheus_module_version" \
    "github.com/prometheus/prometheus/cmd/promtool@$prometheus_module_version" >>"$log" 2>&1; then
  echo "error: go install failed: see $log" >&2
  tail -20 "$log" >&2
  exit 1
fi
mv "$bin.tmp/prometheus" "$bin.tmp/promtool" "$bin/"
rmdir "$bin.tmp"
"$bin/prometheus" --version >&2
touch "$bin/.complete"
echo ">> Prometheus built in $(($(date +%s) - started))s" >&2
echo "$bin"
