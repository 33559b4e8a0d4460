#!/usr/bin/env bash
# Installs, once, the Debian packages the local cluster needs: container runtime, CNI, iptables, openssl.
set -euo pipefail
packages=(containerd runc containernetworking-plugins iptables openssl busybox-static conntrack
  iproute2 procps curl gcc libc6-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
source "$(dirname "$0")/../apt.sh"
apt_install "${missing[@]}"
