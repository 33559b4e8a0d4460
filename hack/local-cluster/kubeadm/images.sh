#!/usr/bin/env bash
# Builds, once per version, the images kubeadm v1.33 runs, under their registry.k8s.io names, from the cached
# binaries (no registry, no Docker): kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, etcd,
# pause and CoreDNS (built from the Go module proxy). `images.sh import NODE` imports them into NODE's containerd.
# Output of the build: the image directory on stdout's last line.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
go_version="$(go env GOVERSION)"
img_dir="$cache/kubeadm-images-$k8s_version-etcd-$etcd_version-coredns-$coredns_version-$go_version"
mkimage="$local_cluster_dir/mkimage.py"

# image NAME FILE ARGS...: builds NAME into $img_dir/FILE.tar from the rootfs in $root (mkimage.py ARGS), once.
image() {
  local name=$1 file=$2; shift 2
  [[ -f "$img_dir/$file.tar" ]] && return 0
  say "building $name"
  python3 "$mkimage" --name "$name" --rootfs "$root" --out "$img_dir/$file.tar.tmp" "$@"
  mv "$img_dir/$file.tar.tmp" "$img_dir/$file.tar"
}
# rootfs: a fresh empty rootfs in $root with the directories every image here has.
rootfs() {
  [[ -n ${root:-} ]] && rm -rf "$root"
  root="$(mktemp -d)"
  mkdir -p "$root/usr/local/bin" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
}
# copy_with_libs FILE...: copies each executable and the shared libraries it loads (ldd) into $root, same paths.
copy_with_libs() {
  local f lib
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -L "$f" "$root$f"
    for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*' | sort -u); do
      [[ -e "$root$lib" ]] && continue
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
  done
}

build_coredns() {
  local out="$cache/coredns-$coredns_version-$go_version/bin"
  if [[ ! -x "$out/coredns" ]]; then
    say "building CoreDNS $coredns_version from the Go module proxy (once; a few minutes on 2 cores)"
    mkdir -p "$out"
    (cd /tmp && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOBIN="$out.tmp" \
      go install -trimpath -ldflags "-s -w" "github.com/coredns/coredns@$coredns_version") >&2
    mv "$out.tmp/coredns" "$out/coredns"
    rmdir "$out.tmp"
  fi
  echo "$out/coredns"
}

build() {
  local bin c coredns
  bin="$("$local_cluster_dir/build.sh" | tail -1)"
  mkdir -p "$img_dir"
  trap '[[ -n ${root:-} ]] && rm -rf "$root"' EXIT
  for c in kube-apiserver kube-controller-manager kube-scheduler; do
    rootfs
    cp "$bin/$c" "$root/usr/local/bin/$c"
    image "registry.k8s.io/$c:$k8s_version" "$c" --cmd "/usr/local/bin/$c"
  done
  # kube-proxy (iptables mode) runs iptables-save/-restore: the host's own nft-backed iptables, with its libraries
  # and extensions, so that it writes the same kind of rules as the CNI plugins, which run the host's iptables.
  rootfs
  cp "$bin/kube-proxy" "$root/usr/local/bin/kube-proxy"
  copy_with_libs "$(readlink -f /usr/sbin/xtables-nft-multi)" /usr/lib/x86_64-linux-gnu/xtables/*.so
  for t in iptables iptables-save iptables-restore ip6tables ip6tables-save ip6tables-restore; do
    ln -sf "$(readlink -f /usr/sbin/xtables-nft-multi)" "$root/usr/sbin/$t"
  done
  cp /etc/protocols /etc/services "$root/etc/"
  image "registry.k8s.io/kube-proxy:$k8s_version" kube-proxy --cmd /usr/local/bin/kube-proxy
  rootfs
  cp "$bin/etcd" "$root/usr/local/bin/etcd"
  image "registry.k8s.io/etcd:$etcd_tag" etcd --cmd /usr/local/bin/etcd
  if [[ ! -f "$img_dir/pause.tar" ]]; then
    rootfs
    gcc -static -O2 -o "$root/pause" "$local_cluster_dir/pause.c"
    image "registry.k8s.io/pause:$pause_version" pause --entrypoint /pause
  fi
  if [[ ! -f "$img_dir/coredns.tar" ]]; then
    coredns="$(build_coredns)"
    rootfs
    cp "$coredns" "$root/coredns"
    image "registry.k8s.io/coredns/coredns:$coredns_version" coredns --entrypoint /coredns
  fi
  # The examples' and the tests' image, built as the bare profile's images.sh builds it.
  if [[ ! -f "$img_dir/busybox.tar" ]]; then
    rootfs
    mkdir -p "$root/bin" "$root/var/www"
    cp /bin/busybox "$root/bin/busybox"
    for applet in $(/bin/busybox --list); do
      [[ $applet == busybox ]] || ln -sf busybox "$root/bin/$applet"
    done
    image docker.io/library/busybox:1.36 busybox --cmd sh
  fi
  echo "$img_dir"
}

import() {
  local node=$1 tar
  [[ -d $img_dir ]] || die "no images in $img_dir: run $0 first"
  for tar in "$img_dir"/*.tar; do
    in_node "$node" ctr -n k8s.io images import "$tar" >>"$logs/$node.images.log" 2>&1 ||
      die "importing $tar into $node failed: see $logs/$node.images.log"
  done
  say "$node: images imported ($(ls "$img_dir" | sed 's/\.tar$//' | tr '\n' ' '))"
}

case ${1:-build} in
  build) build ;;
  import) import "${2:?node}" ;;
  *) die "usage: $0 [build | import NODE]" ;;
esac
