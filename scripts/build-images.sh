#!/usr/bin/env bash
# Builds the Reflex container images with podman, without a Docker engine and without pulling any image:
#   1. localhost/reflex/jre17-base:bookworm, a JRE made from Debian packages (debootstrap, then podman import);
#      built once and reused while it exists (REFLEX_REBUILD_BASE=1 forces a rebuild);
#   2. localhost/reflex/<service>:<tag> for gateway, ingestion, router, anomaly and recommender, from
#      images/Containerfile over that base and the shaded jar standalone/target/reflex.jar.
# Usage: scripts/build-images.sh [tag]   (tag defaults to the Maven project version, e.g. 0.1.0-SNAPSHOT)
# Needs root (or a rootless podman setup) and: podman runc debootstrap (apt). Work files go to build-images/.
set -euo pipefail
cd "$(dirname "$0")/.."

export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/images/containers.conf}"
SERVICES=(gateway ingestion router anomaly recommender)
BASE=localhost/reflex/jre17-base:bookworm
WORK=build-images
TAG="${1:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)}"
mkdir -p "$WORK"

# The Debian mirror this machine already uses, so the image holds the same packages apt installs here.
debian_mirror() {
  { grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}'; } \
    | grep -v security | head -1
}

build_base() {
  local rootfs="$WORK/rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$rootfs" "$(debian_mirror)"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/info "$rootfs"/usr/share/locale
  tar -C "$rootfs" -c . | podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' - "$BASE"
  rm -rf "$rootfs"
}

if [ "${REFLEX_REBUILD_BASE:-0}" = 1 ] || ! podman image exists "$BASE"; then
  build_base
fi

if [ ! -f standalone/target/reflex.jar ]; then
  mvn -B -q -pl standalone -am package -DskipTests
fi
cp standalone/target/reflex.jar "$WORK/reflex.jar"

for service in "${SERVICES[@]}"; do
  podman build --pull=never --build-arg SERVICE="$service" --build-arg BASE="$BASE" \
    -f images/Containerfile -t "localhost/reflex/$service:$TAG" "$WORK"
done
podman images --filter reference='localhost/reflex/*'
