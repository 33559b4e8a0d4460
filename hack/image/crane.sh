#!/usr/bin/env bash
# Builds the pinned crane (go-containerregistry) from the Go module proxy, once per version: its in-memory
# registry and index commands let hack/image/multiarch-check.sh prove the multi-arch push without a real
# registry. Output: crane's path on stdout's last line. Cache: ${CLUSTERTOUR_CACHE:-~/.cache/clustertour}.
set -euo pipefail
crane_version=v0.22.1
go_version="$(go env GOVERSION 2>/dev/null || true)"
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
bin="$cache/crane-$crane_version-$go_version/bin"

if [[ -n $go_version && -x $bin/crane ]]; then
  echo "$bin/crane"
  exit 0
fi
command -v go >/dev/null || { echo "error: go is not installed (run hack/ensure-tools.sh)" >&2; exit 1; }
mkdir -p "$bin.tmp"
echo ">> building crane $crane_version with $go_version (once)" >&2
GOBIN="$bin.tmp" GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 \
  go install -trimpath -ldflags "-s -w" "github.com/google/go-containerregistry/cmd/crane@$crane_version" >&2
mkdir -p "$bin"
mv "$bin.tmp/crane" "$bin/crane"
rmdir "$bin.tmp"
echo "$bin/crane"
