#!/usr/bin/env bash
# Builds, once per version, the operator image's base without a registry: Debian bookworm (minbase) with
# openjdk-17-jre-headless from the machine's own Debian mirror, as a `docker save` tar for Jib's tar:// base.
# Prints the tar's path. Usage: base.sh [local|registry]  (registry: nothing to build, prints nothing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../local-cluster/lib.sh"
source "$here/version.sh"

[[ ${1:-local} == registry ]] && exit 0
out="$(base_tar)"
if [[ -f $out ]]; then
  echo "$out"
  exit 0
fi

[[ $EUID -eq 0 ]] || die "building the image base runs debootstrap: run as root once (it is cached in $(dirname "$out")),
or build on a registry base instead: make image-tar IMAGE_BASE=registry"
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
fi

# The mirror apt already uses here (first non-security Debian URI), so the base needs no other network access.
mirror="${DEBIAN_MIRROR:-}"
if [[ -z $mirror ]]; then
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

work="$(mktemp -d /var/tmp/clustertour-base.XXXXXX)"
root="$work/rootfs"
cleanup() {
  # debootstrap mounts proc/sys inside the target; never delete through a live mount.
  findmnt -rn -o TARGET | grep "^$root/" | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

started=$(date +%s)
say "building image base $BASE_VERSION from $mirror (once; cached in $(dirname "$out"))"
debootstrap --variant=minbase --include="$BASE_PACKAGES" "$BASE_SUITE" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { cp "$work/debootstrap.log" /tmp/clustertour-debootstrap.log; die "debootstrap failed: see /tmp/clustertour-debootstrap.log"; }
chroot "$root" dpkg-query -W -f '${Package} ${Version}\n' >"$work/packages.txt"
findmnt -rn -o TARGET | grep -q "^$root/" && die "debootstrap left mounts under $root"

# What a JVM process needs at run time stays; package caches, docs and device nodes go.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
  "$root"/var/log/* "$root"/dev/* "$root"/proc/* "$root"/sys/* "$root"/run/* "$root"/tmp/*
: >"$root/etc/machine-id"
chmod 1777 "$root/tmp"
# 65532 is the conventional "nonroot" identity of distroless images; the chart runs the operator as it.
echo "nonroot:x:65532:65532:nonroot:/home/nonroot:/usr/sbin/nologin" >>"$root/etc/passwd"
echo "nonroot:x:65532:" >>"$root/etc/group"
mkdir -p "$root/home/nonroot"

mkdir -p "$(dirname "$out")"
python3 "$here/../local-cluster/mkimage.py" --name "$BASE_IMAGE_NAME" --rootfs "$root" --out "$out.tmp" \
  --cmd /usr/bin/java
cp "$work/packages.txt" "$(dirname "$out")/packages.txt"
mv "$out.tmp" "$out"
say "image base $BASE_VERSION built in $(($(date +%s) - started))s: $out ($(du -h "$out" | cut -f1))"
echo "$out"
