#!/usr/bin/env bash
# Writes the API server's audit policy, audit webhook kubeconfig and tracing configuration: the direct evidence a
# tour reads (who called whom, the etcd writes, the kubelet's CRI calls). Receivers that are down lose nothing
# but that evidence: the webhook runs in batch mode (never blocks a request) and trace exports are dropped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/evidence-files.sh"
mkdir -p "$state"
write_audit_policy "$state/audit-policy.yaml"
write_webhook_kubeconfig "$state/audit-webhook.kubeconfig" "$audit_url" "$pki/ca.crt" \
  "$pki/audit-webhook-client.crt" "$pki/audit-webhook-client.key"
write_apiserver_tracing "$state/apiserver-tracing.yaml" "$otlp_endpoint"
