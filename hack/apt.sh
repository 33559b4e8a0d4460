# Sourced by the hack/ scripts: apt_install PACKAGE... installs the Debian packages given (the callers pass only
# the missing ones), as root, quietly; without root it names them and fails.
apt_install() {
  (($#)) || return 0
  [[ $EUID -eq 0 ]] || { echo "error: missing $*; install them or run as root" >&2; exit 1; }
  echo ">> installing Debian packages: $*" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
