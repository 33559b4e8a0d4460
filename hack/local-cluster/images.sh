#!/usr/bin/env bash
# Builds the pause and busybox images from Debian's busybox-static (no registry) and imports them into containerd.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
img_dir="$cache/images-v1"
pause_image=registry.k8s.io/pause:3.10
busybox_image=docker.io/library/busybox:1.36
mkdir -p "$img_dir"
if [[ ! -f "$img_dir/pause.tar" ]]; then
  say "building $pause_image from hack/local-cluster/pause.c"
  root="$(mktemp -d)"
  gcc -static -O2 -o "$root/pause" "$(dirname "$0")/pause.c"
  python3 "$(dirname "$0")/mkimage.py" --name "$pause_image" --rootfs "$root" --out "$img_dir/pause.tar.tmp" --cmd /pause
  mv "$img_dir/pause.tar.tmp" "$img_dir/pause.tar"
  rm -rf "$root"
fi
if [[ ! -f "$img_dir/busybox.tar" ]]; then
  say "building $busybox_image from Debian's busybox-static"
  root="$(mktemp -d)"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/var/www"
  cp /bin/busybox "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
  done
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
  python3 "$(dirname "$0")/mkimage.py" --name "$busybox_image" --rootfs "$root" --out "$img_dir/busybox.tar.tmp" --cmd sh
  mv "$img_dir/busybox.tar.tmp" "$img_dir/busybox.tar"
  rm -rf "$root"
fi
for tar in pause busybox; do
  ctr --address "$containerd_sock" -n k8s.io images import "$img_dir/$tar.tar" >>"$logs/images.log" 2>&1 \
    || die "importing $tar image failed: see $logs/images.log"
done
say "images imported: $pause_image $busybox_image"
