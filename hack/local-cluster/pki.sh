#!/usr/bin/env bash
# Generates the cluster CA, component certificates, the service-account key pair and the kubeconfigs (openssl only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/certs.sh"
ip="$1"
kubectl="$2"
mkdir -p "$pki"
cd "$pki"
make_ca clustertour-ca
sign_cert apiserver kube-apiserver "" \
  "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$cluster_domain,DNS:localhost,DNS:$node_name,IP:$service_ip,IP:127.0.0.1,IP:$ip"
sign_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
sign_cert admin clustertour-admin system:masters
sign_cert controller-manager system:kube-controller-manager ""
sign_cert scheduler system:kube-scheduler ""
sign_cert kubelet "system:node:$node_name" system:nodes
sign_cert kube-proxy system:kube-proxy ""
# The operator's evidence receivers (audit webhook, OTLP traces) serve with this; the API server presents the
# second one to the audit webhook, which accepts no other caller.
sign_cert evidence-receiver clustertour-evidence-receiver "" "DNS:localhost,IP:127.0.0.1,IP:$ip"
sign_cert audit-webhook-client kube-apiserver-audit ""
if [[ ! -f sa.key ]]; then
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
fi
# kubeconfig NAME USER: a kubeconfig with embedded certificates for one component.
kubeconfig_for() {
  local file=$1 user=$2
  "$kubectl" --kubeconfig "$file" config set-cluster clustertour --server "https://$ip:6443" \
    --certificate-authority ca.crt --embed-certs >/dev/null
  "$kubectl" --kubeconfig "$file" config set-credentials "$user" --client-certificate "$user.crt" \
    --client-key "$user.key" --embed-certs >/dev/null
  "$kubectl" --kubeconfig "$file" config set-context clustertour --cluster clustertour --user "$user" >/dev/null
  "$kubectl" --kubeconfig "$file" config use-context clustertour >/dev/null
}
for user in admin controller-manager scheduler kubelet kube-proxy; do
  kubeconfig_for "$user.kubeconfig" "$user"
done
