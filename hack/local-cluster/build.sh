#!/usr/bin/env bash
# Builds the pinned Kubernetes server components and etcd from the Go module proxy, once per version.
# `build.sh config-tools` also builds, once, the tools that check the evidence configurations for other clusters
# (hack/evidence-config.sh): kubeadm from the same Kubernetes module and evidence-check (k8s/evidencecheck).
# `build.sh where` builds nothing and prints the path evidence-check of this source has (or will have) and the bin
# directory, for tests that use the tools only when they were built.
# Output: the bin directory path on stdout's last line. Cache: ${CLUSTERTOUR_CACHE:-~/.cache/clustertour}.
set -euo pipefail
config_tools=false
[[ ${1:-} == config-tools ]] && config_tools=true
here="$(cd "$(dirname "$0")" && pwd)"
mod="$here/k8s"
k8s_version="$(awk '$1=="k8s.io/kubernetes"{print $2; exit}' "$mod/go.mod")"
etcd_version="$(awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$mod/go.mod")"
go_version="$(go env GOVERSION)"
cache="${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}"
bin="$cache/k8s-$k8s_version-etcd-$etcd_version-$go_version/bin"
log_dir="${LOG_DIR:-$here/../../.cluster/logs}"
components=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

# The OTLP relay (otlprelay/, a node-local collector's part) is small and built from the same module graph;
# it is cached beside the components, keyed by its source, so a change to it never rebuilds Kubernetes.
relay_sum="$(cat "$mod/otlprelay/main.go" "$mod/go.mod" | sha256sum | cut -c1-12)"
build_relay() {
  if [[ ! -x "$bin/otlp-relay-$relay_sum" ]]; then
    (cd "$mod" && GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
      -o "$bin/otlp-relay-$relay_sum.tmp" ./otlprelay) >&2 || { echo "go build otlprelay failed" >&2; exit 1; }
    mv "$bin/otlp-relay-$relay_sum.tmp" "$bin/otlp-relay-$relay_sum"
  fi
  # always: another checkout (a worktree) with another go.mod may have pointed the link at its own build
  ln -sfn "otlp-relay-$relay_sum" "$bin/otlp-relay"
}
build_log="$log_dir/build.log"
major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
ldflags="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
done
started=$(date +%s)
build() { # name package
  local t0=$(date +%s)
  printf '>> [%4ss] go build %s ...' "$(( t0 - started ))" "$1" >&2
  if ! go build -trimpath -tags "providerless,dockerless" -ldflags "$ldflags" -o "$bin/$1.tmp" "$2" >>"$build_log" 2>&1; then
    echo " FAILED" >&2
    echo "go build failed: see $build_log" >&2
    tail -20 "$build_log" >&2
    exit 1
  fi
  mv "$bin/$1.tmp" "$bin/$1"
  echo " done in $(( $(date +%s) - t0 ))s" >&2
}
# The config tools live beside the components but outside .complete, so adding them never rebuilds the cluster's
# binaries: kubeadm is keyed by the same version (the bin directory), evidence-check by its source like the relay.
check_sum="$(cat "$mod/evidencecheck/main.go" "$mod/go.mod" | sha256sum | cut -c1-12)"
if [[ ${1:-} == where ]]; then
  echo "$bin/evidence-check-$check_sum"
  echo "$bin"
  exit 0
fi
build_config_tools() {
  [[ $config_tools == true ]] || return 0
  (
    build_log="$bin/../config-tools-build.log"
    cd "$mod"
    export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
    [[ -x "$bin/kubeadm" ]] || build kubeadm k8s.io/kubernetes/cmd/kubeadm
    [[ -x "$bin/evidence-check-$check_sum" ]] || build "evidence-check-$check_sum" ./evidencecheck
    ln -sfn "evidence-check-$check_sum" "$bin/evidence-check"
  )
}
if [[ -f "$bin/.complete" ]]; then
  build_relay
  build_config_tools
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "go is not installed; install Go >= 1.24 first" >&2; exit 1; }
mkdir -p "$bin" "$log_dir"
: >"$build_log"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
cd "$mod"
echo ">> building Kubernetes $k8s_version + etcd $etcd_version with $go_version (a cold build takes about 6-15 min on 2 cores; log: $build_log)" >&2
build etcd go.etcd.io/etcd/server/v3
for c in "${components[@]}"; do
  if [[ $c == kubectl ]]; then build kubectl k8s.io/kubernetes/cmd/kubectl; else build "$c" "k8s.io/kubernetes/cmd/$c"; fi
done
build_relay
"$bin/kube-apiserver" --version >&2
touch "$bin/.complete"
echo ">> built in $(( $(date +%s) - started ))s" >&2
build_config_tools
echo "$bin"
