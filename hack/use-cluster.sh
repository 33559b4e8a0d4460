#!/usr/bin/env bash
# Prints the kubeconfig the tests and the demo use: KUBECONFIG/~/.kube/config if it answers, else the local cluster.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/local-cluster/lib.sh"
answers() { # kubeconfig
  [[ -r $1 ]] || return 1
  local bin
  bin="$("$here/local-cluster/build.sh" | tail -1)"
  timeout 10 "$bin/kubectl" --kubeconfig "$1" --request-timeout 5s get --raw /readyz >/dev/null 2>&1
}
if [[ ${CLUSTERTOUR_LOCAL:-} != true ]]; then
  first="${KUBECONFIG:-}"
  for candidate in "${first%%:*}" "$HOME/.kube/config"; do
    if [[ -n $candidate && $candidate != "$kubeconfig" ]] && answers "$candidate"; then
      say "using the cluster of $candidate"
      echo "$candidate"
      exit 0
    fi
  done
fi
say "no other cluster configured: using the local cluster (hack/local-cluster)"
"$here/local-cluster/up.sh"
echo "$kubeconfig"
