#!/usr/bin/env bash
# `make test`: a real cluster (KUBECONFIG or the local one), the pinned Prometheus, then build, unit tests and the
# real-cluster ITs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/ensure-tools.sh"
source "$here/local-cluster/lib.sh"
# An operator left running by `make demo` would act on the tests' tours too, and hold the evidence receivers'
# ports the tests' operators need: the tests run their own.
if [[ -f $state/operator.pid ]] && kill -0 "$(cat "$state/operator.pid")" 2>/dev/null; then
  say "stopping the operator make demo left running (pid $(cat "$state/operator.pid")): the tests start their own"
  kill "$(cat "$state/operator.pid")"
  for ((i = 0; i < 50; i++)); do kill -0 "$(cat "$state/operator.pid")" 2>/dev/null || break; sleep 0.2; done
  rm -f "$state/operator.pid"
fi
local_kubeconfig="$kubeconfig"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
# KubeadmShapeIT's cluster, and every example a second time: the kubeadm profile (two kubeadm-built nodes) beside
# the bare one, brought up or reused, whenever the tests use the local cluster (CLUSTERTOUR_KUBEADM=true forces it
# beside your own cluster). One per machine: a profile another checkout started is reused through that checkout's
# state (/run/ctkadm/owner).
kubeadm_args=()
if [[ $kubeconfig == "$local_kubeconfig" || ${CLUSTERTOUR_KUBEADM:-} == true ]]; then
  kubeadm_state="$(cat /run/ctkadm/owner 2>/dev/null || echo "$PWD/.cluster-kubeadm")"
  KUBEADM_CLUSTER_DIR="$kubeadm_state" "$here/local-cluster/kubeadm/up.sh"
  kubeadm_args=(-Dit.kubeadm.kubeconfig="$kubeadm_state/kubeconfig")
else
  say "not starting the kubeadm profile beside $kubeconfig (CLUSTERTOUR_KUBEADM=true would): KubeadmShapeIT skips"
fi
# PrometheusIT scrapes the operator with a real Prometheus: build it (once per version) before Maven runs
"$here/prometheus/build.sh" >/dev/null
# the chart tests validate its ServiceMonitor and PrometheusRule against prometheus-operator's real CRDs (once per version)
"$here/prometheus/operator-crds.sh" >/dev/null
# EvidenceConfigTest checks the configurations for other clusters with kubeadm and evidence-check (once per version)
"$here/local-cluster/build.sh" config-tools >/dev/null
# HelmLintersIT lints the chart with the Helm CLI, kubeconform and kube-score (each once per version)
"$here/image/helm.sh" >/dev/null
"$here/chart-lint/build.sh" >/dev/null
# the browser tests drive Debian's Chromium with the pinned playwright-core: install both once
"$here/browser/install.sh" >/dev/null
echo ">> build, unit tests, then real-cluster tests against $kubeconfig" >&2
./mvnw -B -ntp verify -Dit.kubeconfig="$kubeconfig" "${kubeadm_args[@]}"
