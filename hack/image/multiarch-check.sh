#!/usr/bin/env bash
# Proves the image targets' platforms without a real registry or Docker: an in-memory registry (crane), a
# two-platform stand-in for the registry base (one marker layer per architecture, no JRE: nothing is run),
# then `make image-push` against it must push one image index with linux/amd64 and linux/arm64, each on its
# own base layer, and `make image-tar IMAGE_BASE=registry IMAGE_PLATFORM=linux/arm64` must write an arm64
# tar. Runs the real Makefile targets and Jib; the only difference from a user's run is the base's name.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
crane="$("$here/crane.sh" | tail -1)"
work="$(mktemp -d /tmp/clustertour-multiarch.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
reg="localhost:$port"
"$crane" registry serve --address "127.0.0.1:$port" >"$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill "$registry_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for ((i = 0; i < 50; i++)); do "$crane" catalog --insecure "$reg" >/dev/null 2>&1 && break; sleep 0.2; done

fail() { echo "FAIL: $*" >&2; exit 1; }
for arch in amd64 arm64; do
  mkdir -p "$work/$arch/etc"
  echo "$arch" >"$work/$arch/etc/base-arch"
  tar -C "$work/$arch" -cf "$work/$arch.tar" etc
  "$crane" append --insecure -f "$work/$arch.tar" -t "$reg/base:$arch-tmp" >>"$work/crane.log" 2>&1
  "$crane" mutate --insecure --set-platform "linux/$arch" "$reg/base:$arch-tmp" -t "$reg/base:$arch" >>"$work/crane.log" 2>&1
done
"$crane" index append --insecure -m "$reg/base:amd64" -m "$reg/base:arm64" -t "$reg/base:multi" >>"$work/crane.log" 2>&1

mvn_cmd="$PWD/mvnw -B -ntp -Dimage.base.registry=$reg/base:multi -Djib.allowInsecureRegistries=true"
echo ">> make image-push (registry base stand-in $reg/base:multi)" >&2
make -s image-push MVN="$mvn_cmd" IMAGE_REPOSITORY="$reg/cluster-tour-operator" IMAGE_TAG=check >&2
"$crane" manifest --insecure "$reg/cluster-tour-operator:check" >"$work/index.json"
python3 - "$work/index.json" <<'PY' || fail "the pushed image is not an index of linux/amd64 and linux/arm64"
import json, sys
m = json.load(open(sys.argv[1]))
platforms = sorted(f"{d['platform']['os']}/{d['platform']['architecture']}" for d in m.get("manifests", []))
print("pushed index:", m.get("mediaType"), platforms)
sys.exit(0 if platforms == ["linux/amd64", "linux/arm64"] else 1)
PY
for arch in amd64 arm64; do
  ref="$reg/cluster-tour-operator:check"
  config="$("$crane" config --insecure --platform "linux/$arch" "$ref")"
  [[ $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["architecture"])' "$config") == "$arch" ]] \
    || fail "linux/$arch image has another architecture in its config"
  got="$("$crane" export --insecure --platform "linux/$arch" "$ref" - | tar --warning=no-unknown-keyword -xOf - etc/base-arch)"
  [[ $got == "$arch" ]] || fail "linux/$arch image is not on the $arch base layer (found '$got')"
  echo "linux/$arch: config architecture $arch, base layer $got" >&2
done

echo ">> make image-tar IMAGE_BASE=registry IMAGE_PLATFORM=linux/arm64" >&2
# into the check's own folder: operator/target's tar is the one the ITs and deploy-local use
make -s image-tar MVN="$mvn_cmd -Dimage.tar=$work/arm64.tar" IMAGE_TAR="$work/arm64.tar" IMAGE_BASE=registry IMAGE_PLATFORM=linux/arm64 >&2
tar -xOf "$work/arm64.tar" config.json \
  | python3 -c 'import json,sys; a=json.load(sys.stdin)["architecture"]; print("image tar:", a); sys.exit(a!="arm64")' \
  || fail "the tar is not arm64"
echo "multi-arch check passed"
