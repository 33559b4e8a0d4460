#!/usr/bin/env bash
# Installs, once, the build tools the project needs on a fresh Debian machine: JDK 17, Go, curl, unzip. Maven
# itself comes from the Maven wrapper (./mvnw: the version pinned in .mvn/wrapper, checked by its SHA-256).
set -euo pipefail
need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
# ./mvnw unpacks the pinned zip with unzip; without it the wrapper fetches the tar.gz, whose checksum differs
command -v unzip >/dev/null || need+=(unzip)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
# Debian's Go is too old for Kubernetes 1.33, but it can fetch the pinned toolchain from the Go module proxy.
command -v go >/dev/null || need+=(golang-go)
source "$(dirname "$0")/apt.sh"
apt_install "${need[@]}"
