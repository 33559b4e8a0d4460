# Writers of the files that make the API server and the kubelet send direct evidence (audit, traces) to the
# operator's receivers; shared by evidence.sh (the local cluster) and hack/evidence-config.sh (other clusters).
# Sourced, not run.
evidence_policy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/audit-policy.yaml"
# Every request and every pod sync traced: a tour is short and wants all of it.
evidence_sampling=1000000

# write_audit_policy FILE: the one audit policy (audit-policy.yaml beside this file).
write_audit_policy() { cp "$evidence_policy" "$1"; }

# write_webhook_kubeconfig FILE URL CA CERT KEY: the API server's --audit-webhook-config-file; the paths are as
# the API server sees them.
write_webhook_kubeconfig() {
  cat >"$1" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: clustertour-evidence
  cluster: {server: "$2", certificate-authority: "$3"}
users:
- name: kube-apiserver
  user: {client-certificate: "$4", client-key: "$5"}
contexts:
- name: evidence
  context: {cluster: clustertour-evidence, user: kube-apiserver}
current-context: evidence
YAML
}

# write_apiserver_tracing FILE ENDPOINT: the API server's --tracing-config-file (APIServerTracing, beta in 1.33).
write_apiserver_tracing() {
  cat >"$1" <<YAML
apiVersion: apiserver.config.k8s.io/v1beta1
kind: TracingConfiguration
endpoint: "$2"
samplingRatePerMillion: $evidence_sampling
YAML
}

# write_kubelet_tracing FILE ENDPOINT: a KubeletConfiguration holding only the tracing block (KubeletTracing, beta
# in 1.33), for a kubelet --config-dir drop-in (the name must end in .conf).
write_kubelet_tracing() {
  cat >"$1" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
tracing:
  endpoint: "$2"
  samplingRatePerMillion: $evidence_sampling
YAML
}
