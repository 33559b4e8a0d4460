#!/usr/bin/env bash
# Starts minikube with ClusterTour's direct evidence: the API server's audit webhook and traces and the kubelet's
# traces go to the operator's receivers (docs/evidence.md#minikube). Make the files first, from the repository's root:
#
#   hack/evidence-config.sh minikube                  # receiver 10.96.0.200, files in .evidence/minikube
#   deploy/evidence/minikube-start.sh [DIR] [MINIKUBE START OPTIONS...]
#
# minikube copies ~/.minikube/files/PATH into the node as /PATH when it starts. The API server's static pod mounts
# minikube's certificate directory /var/lib/minikube/certs, so the files go below it. The kubelet's tracing has no
# flag: it comes from a drop-in directory (--config-dir, in the kubelet since 1.30).
set -euo pipefail
dir=.evidence/minikube
if (($#)) && [[ $1 != -* ]]; then dir=$1; shift; fi
[[ -f $dir/node/audit-webhook.kubeconfig ]] || { echo "error: no $dir/node: run hack/evidence-config.sh minikube first" >&2; exit 1; }
files="$HOME/.minikube/files"
in_node=/var/lib/minikube/certs/clustertour
mkdir -p "$files$in_node" "$files/etc/systemd/system/kubelet.service.d"
cp -r "$dir/node/." "$files$in_node/"
# OpenTelemetry's batch processor sends every 5 s by default, later than a stop waits for its evidence.
cp "$dir/node/kubelet.service.d/20-clustertour-otel.conf" "$files/etc/systemd/system/kubelet.service.d/"
minikube start --kubernetes-version=v1.33.1 \
  --extra-config=apiserver.audit-policy-file=$in_node/audit-policy.yaml \
  --extra-config=apiserver.audit-webhook-config-file=$in_node/audit-webhook.kubeconfig \
  --extra-config=apiserver.audit-webhook-mode=batch \
  --extra-config=apiserver.audit-webhook-batch-max-wait=100ms \
  --extra-config=apiserver.audit-webhook-initial-backoff=1s \
  --extra-config=apiserver.tracing-config-file=$in_node/apiserver-tracing.yaml \
  --extra-config=kubelet.config-dir=$in_node/kubelet.conf.d \
  "$@"
