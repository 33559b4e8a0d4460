# The image base's identity, shared by base.sh and the Makefile; sourced, not run.
# Bump BASE_VERSION whenever base.sh or the package list changes: the cache is keyed by it.
BASE_VERSION=bookworm-jre17-v1
BASE_SUITE=bookworm
BASE_PACKAGES=openjdk-17-jre-headless
BASE_IMAGE_NAME="clustertour/jre-base:$BASE_VERSION"
# base_tar: where the built base lives (the Maven property image.base.tar points to the same file).
base_tar() { echo "${CLUSTERTOUR_CACHE:-$HOME/.cache/clustertour}/image-base/$BASE_VERSION/base.tar"; }
