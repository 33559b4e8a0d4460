#!/usr/bin/env bash
# `make docs`: the ITs that generate sections of the docs (the bad-input tables in docs/reliability.md, the RBAC
# table) run against the cluster (KUBECONFIG or the local one) and write their sections into docs/; `make test` runs
# the same tests but writes only into operator/target/docs/. Then the browser test's screenshots go to docs/images.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
"$here/ensure-tools.sh"
kubeconfig="$("$here/use-cluster.sh" | tail -1)"
./mvnw -B -ntp -q -pl operator verify -Ddocs.write=true -Dit.kubeconfig="$kubeconfig" \
  -Dit.test='AdmissionIT,FaultBadInputIT,SecurityRbacIT' -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
echo ">> docs/reliability.md: generated sections rewritten" >&2
"$here/docs-screenshots.sh"
