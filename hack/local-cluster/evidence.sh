#!/usr/bin/env bash
# Writes the API server's audit policy, audit webhook kubeconfig and tracing configuration: the direct evidence a
# tour reads (who called whom, the etcd writes, the kubelet's CRI calls). Receivers that are down lose nothing
# but that evidence: the webhook runs in batch mode (never blocks a request) and trace exports are dropped.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$state"
# Small on purpose: what tours are about, not the cluster's background chatter (leases, health, discovery).
# Events are left out because the operator watches them; gets stay in for the kubelet's "get pods" after binding.
cat >"$state/audit-policy.yaml" <<YAML
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
omitManagedFields: true
rules:
- level: None
  resources: [{group: coordination.k8s.io}, {group: "", resources: [events]}, {group: events.k8s.io}]
- level: None
  users: [system:apiserver]
- level: Metadata
  verbs: [create, update, patch, delete, deletecollection, get, watch]
  resources: [{group: ""}, {group: apps}, {group: batch}, {group: discovery.k8s.io}, {group: clustertour.io}]
- level: None
YAML
cat >"$state/audit-webhook.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: clustertour-evidence
  cluster: {server: "$audit_url", certificate-authority: "$pki/ca.crt"}
users:
- name: kube-apiserver
  user: {client-certificate: "$pki/audit-webhook-client.crt", client-key: "$pki/audit-webhook-client.key"}
contexts:
- name: evidence
  context: {cluster: clustertour-evidence, user: kube-apiserver}
current-context: evidence
YAML
cat >"$state/apiserver-tracing.yaml" <<YAML
apiVersion: apiserver.config.k8s.io/v1beta1
kind: TracingConfiguration
endpoint: "$otlp_endpoint"
samplingRatePerMillion: 1000000
YAML
