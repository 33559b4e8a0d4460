#!/usr/bin/env bash
# Writes what a kind, minikube or k3s cluster needs to send the operator direct evidence (the API server's audit
# stream and traces, the kubelets' traces): a CA made only for this, the receivers' serving certificate (SAN = the
# receiver's address), the API server's webhook client certificate, the audit policy, the webhook kubeconfig, the
# API server's TracingConfiguration, the kubelet's tracing drop-in, and for kind the cluster config; then prints
# the commands that give the operator its Secret. docs/evidence.md#other-clusters explains every file.
#
#   hack/evidence-config.sh kind|minikube|k3s [--ip IP] [--out DIR] [--audit-port PORT] [--otlp-port PORT]
#                                             [--namespace NS] [--secret NAME] [--days N]
#
# IP is where the API server and the kubelets reach the receivers: by default a fixed ClusterIP low in the target's
# default service CIDR (10.96.0.200 for kind and minikube, 10.43.0.200 for k3s), which the chart's
# evidence.service.clusterIP then claims; or a node's address with NodePorts (--audit-port/--otlp-port). Run again
# with the same arguments: the CA and certificates are kept (a changed IP reissues the receiver's certificate).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/local-cluster/certs.sh"
source "$here/local-cluster/evidence-files.sh"
die() { echo "error: $*" >&2; exit 1; }

target="${1:-}"
case "$target" in
  kind | minikube) ip=10.96.0.200 ;;
  k3s) ip=10.43.0.200 ;;
  *) die "usage: $0 kind|minikube|k3s [--ip IP] [--out DIR] [--audit-port PORT] [--otlp-port PORT] [--namespace NS] [--secret NAME] [--days N]" ;;
esac
shift
out=".evidence/$target" audit_port=443 otlp_port=4317 namespace=clustertour-system secret=clustertour-evidence days=365
while (($#)); do
  [[ $# -ge 2 ]] || die "$1 needs a value"
  case "$1" in
    --ip) ip=$2 ;;
    --out) out=$2 ;;
    --audit-port) audit_port=$2 ;;
    --otlp-port) otlp_port=$2 ;;
    --namespace) namespace=$2 ;;
    --secret) secret=$2 ;;
    --days) days=$2 ;;
    *) die "unknown option $1" ;;
  esac
  shift 2
done
[[ $ip =~ ^[0-9a-fA-F.:]+$ ]] || die "--ip must be an IPv4 or IPv6 address (the API server uses no cluster DNS): $ip"
host=$ip
[[ $ip == *:* ]] && host="[$ip]"
# Where the files are as the API server and the kubelet see them on the node.
case "$target" in
  kind | k3s) in_node=/etc/clustertour ;;
  minikube) in_node=/var/lib/minikube/certs/clustertour ;; # the API server pod mounts minikube's certificate dir
esac

mkdir -p "$out/node/kubelet.conf.d" "$out/operator"
out="$(cd "$out" && pwd)"
(
  cd "$out"
  make_ca clustertour-evidence-ca "$days"
  if [[ -f receiver.crt ]] && ! openssl x509 -in receiver.crt -noout -ext subjectAltName | grep -qF "IP Address:$ip"; then
    echo ">> the receiver's address changed to $ip: issuing its certificate again (update the Secret)" >&2
    rm -f receiver.crt receiver.key
  fi
  sign_cert receiver clustertour-evidence-receiver "" "IP:$ip" "$days"
  sign_cert audit-client kube-apiserver-audit "" "" "$days"
  cp ca.crt audit-client.crt audit-client.key node/
  cp receiver.crt operator/tls.crt
  cp receiver.key operator/tls.key
  cp ca.crt operator/ca.crt
)
write_audit_policy "$out/node/audit-policy.yaml"
write_webhook_kubeconfig "$out/node/audit-webhook.kubeconfig" "https://$host:$audit_port/audit" "$in_node/ca.crt" \
  "$in_node/audit-client.crt" "$in_node/audit-client.key"
write_apiserver_tracing "$out/node/apiserver-tracing.yaml" "$host:$otlp_port"
write_kubelet_tracing "$out/node/kubelet.conf.d/90-clustertour-tracing.conf" "$host:$otlp_port"
if [[ $target != k3s ]]; then
  # OpenTelemetry's batch processor sends every 5 s by default, later than a stop waits for its evidence.
  mkdir -p "$out/node/kubelet.service.d"
  printf '[Service]\nEnvironment="OTEL_BSP_SCHEDULE_DELAY=200"\n' >"$out/node/kubelet.service.d/20-clustertour-otel.conf"
fi
if [[ $target == kind ]]; then
  mkdir -p "$out/node/kubeadm-patches"
  cat >"$out/node/kubeadm-patches/kube-apiserver+strategic.yaml" <<'YAML'
# kubeadm patches the API server's static pod with this: spans leave every 200 ms instead of every 5 s.
spec:
  containers:
  - name: kube-apiserver
    env:
    - name: OTEL_BSP_SCHEDULE_DELAY
      value: "200"
YAML
  # the committed config, for this receiver and this directory
  sed -e "s#10\.96\.0\.200:4317#$host:$otlp_port#" -e "s#hostPath: \.evidence/kind/#hostPath: $out/#" \
    "$here/../deploy/evidence/kind-cluster.yaml" >"$out/kind-cluster.yaml"
fi

chart="$(cd "$here/.." && pwd)/helm/cluster-tour-operator"
{
  echo "# The operator's side (docs/evidence.md#other-clusters): its Secret, then the chart with the receivers on."
  echo "kubectl create namespace $namespace --dry-run=client -o yaml | kubectl apply -f -"
  echo "kubectl -n $namespace create secret generic $secret --from-file=$out/operator --dry-run=client -o yaml | kubectl apply -f -"
  printf 'helm upgrade --install clustertour %s -n %s --set evidence.enabled=true --set evidence.tlsSecret=%s' \
    "$chart" "$namespace" "$secret"
  if ((audit_port == 443 && otlp_port == 4317)); then
    echo " --set evidence.service.clusterIP=$ip"
  else
    echo " --set evidence.service.type=NodePort --set evidence.service.auditNodePort=$audit_port --set evidence.service.otlpNodePort=$otlp_port"
  fi
} >"$out/operator.sh"
echo ">> $target: receiver $host (audit https://$host:$audit_port/audit, traces $host:$otlp_port); files in $out" >&2
case "$target" in
  kind) echo ">> create the cluster: kind create cluster --config $out/kind-cluster.yaml" >&2 ;;
  minikube) echo ">> start minikube: deploy/evidence/minikube-start.sh $out" >&2 ;;
  k3s) echo ">> on the k3s server: see deploy/evidence/k3s-config.yaml (copy $out/node to $in_node first)" >&2 ;;
esac
echo ">> then, for the operator ($out/operator.sh):" >&2
cat "$out/operator.sh"
