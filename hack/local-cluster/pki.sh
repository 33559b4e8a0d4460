#!/usr/bin/env bash
# Generates the cluster CA, component certificates, the service-account key pair and the kubeconfigs (openssl only).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ip="$1"
kubectl="$2"
mkdir -p "$pki"
cd "$pki"
if [[ ! -f ca.crt ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=clustertour-ca" 2>/dev/null
fi
# cert NAME CN ORG [SANS]: a client or serving certificate signed by the cluster CA.
cert() {
  local name=$1 cn=$2 org=$3 sans=${4:-}
  [[ -f $name.crt ]] && return 0
  local subj="/CN=$cn"
  [[ -n $org ]] && subj="/O=$org/CN=$cn"
  openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "$subj" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n $sans ]]; then echo "extendedKeyUsage=serverAuth,clientAuth"; echo "subjectAltName=$sans"
    else echo "extendedKeyUsage=clientAuth"; fi
  } >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" -days 3650 \
    -extfile "$name.ext" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
cert apiserver kube-apiserver "" \
  "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$cluster_domain,DNS:localhost,DNS:$node_name,IP:$service_ip,IP:127.0.0.1,IP:$ip"
cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
cert admin clustertour-admin system:masters
cert controller-manager system:kube-controller-manager ""
cert scheduler system:kube-scheduler ""
cert kubelet "system:node:$node_name" system:nodes
cert kube-proxy system:kube-proxy ""
# The operator's evidence receivers (audit webhook, OTLP traces) serve with this; the API server presents the
# second one to the audit webhook, which accepts no other caller.
cert evidence-receiver clustertour-evidence-receiver "" "DNS:localhost,IP:127.0.0.1,IP:$ip"
cert audit-webhook-client kube-apiserver-audit ""
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
