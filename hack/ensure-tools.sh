#!/usr/bin/env bash
# Installs, once, the build tools the project needs on a fresh Debian machine: JDK 17, Maven, Go, curl.
set -euo pipefail
need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
# Debian's Go is too old for Kubernetes 1.33, but it can fetch the pinned toolchain from the Go module proxy.
command -v go >/dev/null || need+=(golang-go)
source "$(dirname "$0")/apt.sh"
apt_install "${need[@]}"
