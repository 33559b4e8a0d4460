#!/usr/bin/env bash
# `make docs-screenshots`: the browser test (WebViewBrowserIT) runs a real tour on the cluster (KUBECONFIG or the
# local one) with Chromium and keeps its screenshots in operator/target/browser/live; the ones the docs show are
# copied into docs/images. `make test` runs the same test but never writes into docs/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/ensure-tools.sh"
"$here/browser/install.sh" >/dev/null
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
./mvnw -B -ntp -q -pl operator verify -Dit.kubeconfig="$kubeconfig" -Dit.test=WebViewBrowserIT -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false
shots=operator/target/browser/live
mkdir -p docs/images
cp "$shots/stop-3.png" docs/images/web-deployment-diagrams.png
cp "$shots/myth-panel.png" docs/images/web-myth-panel.png
echo ">> docs/images: web-deployment-diagrams.png, web-myth-panel.png (from $shots)" >&2
