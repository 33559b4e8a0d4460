#!/usr/bin/env bash
# Installs, once, the Debian packages the local cluster needs: container runtime, CNI, iptables, openssl.
set -euo pipefail
packages=(containerd runc containernetworking-plugins iptables openssl busybox-static conntrack
  iproute2 procps curl gcc libc6-dev python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  [[ $EUID -eq 0 ]] || { echo "installing ${missing[*]} needs root: run as root" >&2; exit 1; }
  echo ">> installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # containerd's package would start its own service where systemd runs; policy-rc.d stops that.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
