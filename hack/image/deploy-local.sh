#!/usr/bin/env bash
# `make deploy-local`: imports the image Jib built (operator/target) into the local cluster's containerd and
# installs (or upgrades) the Helm chart with it. Run as root, after `make image-tar` and `make cluster-up`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../local-cluster/lib.sh"
release="${RELEASE:-clustertour}"
namespace="${RELEASE_NAMESPACE:-clustertour-system}"
tar="$repo_root/operator/target/cluster-tour-operator-image.tar"
meta="$repo_root/operator/target/jib-image.json"

[[ -f $tar && -f $meta ]] || die "no image in operator/target: run make image-tar first"
[[ -f $kubeconfig ]] || die "no local cluster: run make cluster-up first"
[[ -S $containerd_sock ]] || die "the local cluster's containerd is not running ($containerd_sock)"
image="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["image"])' "$meta")"

say "importing $image into the local cluster's containerd"
ctr --address "$containerd_sock" -n k8s.io images import "$tar" >/dev/null
helm="$("$here/helm.sh")"
say "helm upgrade --install $release (namespace $namespace)"
"$helm" upgrade --install "$release" "$repo_root/helm/cluster-tour-operator" \
  --kubeconfig "$kubeconfig" --namespace "$namespace" --create-namespace \
  --values "$repo_root/helm/cluster-tour-operator/ci/local-image-values.yaml" \
  --set "image.repository=${image%:*}" --set "image.tag=${image##*:}" \
  --wait --timeout 5m
