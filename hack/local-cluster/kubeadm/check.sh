#!/usr/bin/env bash
# Checks the running kubeadm profile as a learner would see it: a 4-replica Deployment spreads over both nodes
# (it tolerates the control-plane taint kubeadm sets, as a learner's must on a kind cluster of two nodes), each pod
# reaches a pod on the other node by IP, and a Service by its DNS name (CoreDNS, kube-proxy). Cleans up after
# itself; exit 1 on the first failure.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[[ -f $kubeconfig ]] || die "no $kubeconfig: make cluster-up PROFILE=kubeadm first"
kubectl() { "$(bin_dir)/kubectl" --kubeconfig "$kubeconfig" "$@"; }
ns=kubeadm-check
trap 'kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true' EXIT
kubectl create namespace "$ns" >/dev/null
kubectl -n "$ns" apply -f - >/dev/null <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: spread}
spec:
  replicas: 4
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      tolerations: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}
      containers:
      - name: web
        image: busybox:1.36
        command: [sh, -c, 'echo "$(hostname)" >/tmp/index.html && exec httpd -f -p 8080 -h /tmp']
---
apiVersion: v1
kind: Service
metadata: {name: spread}
spec:
  selector: {app: spread}
  ports: [{port: 80, targetPort: 8080}]
YAML
# fetch POD HOST PORT: the page POD gets from HOST:PORT. Not busybox wget: the static glibc busybox's wget crashes
# (SIGSEGV) looking the service name up through NSS, which the image has none of; nc takes numbers.
fetch() {
  kubectl -n "$ns" exec "$1" -- sh -c 'printf "GET / HTTP/1.0\r\n\r\n" | nc -w 5 "$1" "$2" | tail -1' fetch "$2" "$3"
}
# resolve POD NAME: NAME's address as POD's resolver (CoreDNS, through kube-proxy's Service IP) answers.
resolve() {
  kubectl -n "$ns" exec "$1" -- nslookup "$2" | awk '/^Address: /{a=$2} END{if (a) print a; else exit 1}'
}
kubectl -n "$ns" rollout status deployment/spread --timeout=120s >/dev/null
kubectl -n "$ns" get pods -o wide
mapfile -t rows < <(kubectl -n "$ns" get pods -l app=spread -o jsonpath='{range .items[*]}{.metadata.name} {.spec.nodeName} {.status.podIP}{"\n"}{end}')
declare -A on=()
for r in "${rows[@]}"; do read -r _ node _ <<<"$r"; on[$node]=$((${on[$node]:-0} + 1)); done
((${#on[@]} == ${#nodes[@]})) || die "the 4 replicas are on ${!on[*]} only"
say "replicas per node: $(for n in "${!on[@]}"; do printf '%s=%s ' "$n" "${on[$n]}"; done)"
for r in "${rows[@]}"; do
  read -r pod node _ <<<"$r"
  for other in "${rows[@]}"; do
    read -r _ onode oip <<<"$other"
    [[ $onode == "$node" ]] && continue
    got="$(fetch "$pod" "$oip" 8080)" && [[ -n $got ]] ||
      die "$pod on $node cannot reach $oip on $onode"
    say "$pod ($node) -> $oip ($onode): $got"
    break
  done
  svc="$(resolve "$pod" "spread.$ns.svc.cluster.local")" || die "$pod on $node: CoreDNS does not resolve the Service"
  got="$(fetch "$pod" "$svc" 80)" && [[ -n $got ]] || die "$pod on $node cannot reach the Service at $svc"
  say "$pod ($node) -> spread.$ns.svc.cluster.local ($svc): $got"
done
say "check passed"
