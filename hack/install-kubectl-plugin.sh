#!/usr/bin/env bash
# `make kubectl-plugin`: installs plugin/kubectl-tour and the operator jar it runs into one directory
# (default /usr/local/bin), so `kubectl tour ...` works. Installing again changes nothing unless a file
# differs. Usage: hack/install-kubectl-plugin.sh [DIR]   (builds the jar first if it is missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
dir="${1:-/usr/local/bin}"
jar=operator/target/cluster-tour-operator.jar

if [[ ! -r $jar ]]; then
  echo ">> $jar is missing: building it"
  ./mvnw -B -ntp -q package -DskipTests
fi
mkdir -p "$dir"
put() { # file mode
  local dest
  dest="$dir/$(basename "$1")"
  if cmp -s "$1" "$dest"; then
    echo ">> $dest is up to date"
  else
    # a new file moved into place: a running kubectl tour keeps reading the old jar
    install -m "$2" "$1" "$dest.tmp.$$"
    mv -f "$dest.tmp.$$" "$dest"
    echo ">> installed $dest"
  fi
}
put "$jar" 0644
put plugin/kubectl-tour 0755
case ":$PATH:" in
*":$dir:"*) ;;
*) echo ">> $dir is not on PATH: add it, or kubectl will not find the plugin" ;;
esac
echo ">> try: kubectl tour list"
