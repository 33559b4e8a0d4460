#!/usr/bin/env bash
# Prints the path of a Helm 3 CLI: `helm` from PATH if there is one, else one built once from the Go module
# proxy (the version helm-java embeds, so `make deploy-local` and the chart tests run the same Helm).
set -euo pipefail
helm_version=v3.21.0
# The Kubernetes version Helm assumes without a cluster (helm template, lint): its client-go's, as Helm's own
# Makefile sets it (client-go v0.35 -> 1.35).
k8s_major=1 k8s_minor=35
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
bin="$cache/helm-$helm_version-k8s$k8s_major.$k8s_minor/bin"

if [[ ${CLUSTERTOUR_BUILD_HELM:-} != true ]] && command -v helm >/dev/null; then
  command -v helm
  exit 0
fi
if [[ -x $bin/helm ]]; then
  echo "$bin/helm"
  exit 0
fi
command -v go >/dev/null || { echo "error: no helm on PATH and no Go to build it (run hack/ensure-tools.sh)" >&2; exit 1; }
mkdir -p "$bin"
# two callers at once would share bin.tmp: the second waits, then reuses the first one's build
exec 9>"$bin/../.build.lock"
flock 9
if [[ -x $bin/helm ]]; then
  echo "$bin/helm"
  exit 0
fi
echo ">> building helm $helm_version from the Go module proxy (once, a few minutes on 2 cores)" >&2
started=$(date +%s)
GOBIN="$bin.tmp" CGO_ENABLED=0 GOFLAGS=-mod=mod \
  go install -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$k8s_major -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$k8s_minor \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$k8s_major -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$k8s_minor" \
  "helm.sh/helm/v3/cmd/helm@$helm_version" >&2
mv "$bin.tmp/helm" "$bin/helm"
rmdir "$bin.tmp"
echo ">> helm built in $(($(date +%s) - started))s" >&2
echo "$bin/helm"
