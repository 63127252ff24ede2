#!/usr/bin/env bash
# CI stage "containers": builds the five service images (scripts/build-images.sh), runs them with podman on the host
# network (127.0.0.1 only), lets them form one Hazelcast cluster by TCP/IP, sends events through the gateway WebSocket
# (.ci/SmokeClient.java) and checks the anomaly and the rule-derived event come back. Tears everything down on exit.
# Works on a fresh Debian 12 machine as root. REFLEX_SMOKE_PORT_BASE (default 15700) moves every port it uses.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need podman || ! need runc || ! need debootstrap || ! need curl; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q podman buildah skopeo runc debootstrap fuse-overlayfs uidmap curl
fi
export CONTAINERS_CONF="$PWD/images/containers.conf"

scripts/build-images.sh
built=$(date +%s)

# Data members first (gateway, ingestion and router join as Hazelcast lite members, and a cluster of lite members
# alone cannot hold Vert.x's own maps); the gateway last: it is ready only once ingestion answers.
services=(anomaly recommender ingestion router gateway)
tag=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
base=${REFLEX_SMOKE_PORT_BASE:-15700}
gateway_port=$((base + 80))
cluster=reflex-smoke-$$
members=""
for i in "${!services[@]}"; do
  members+="${members:+,}127.0.0.1:$((base + 1 + i))"
done

containers=()
cleanup() {
  for container in "${containers[@]}"; do
    podman logs "$container" > "build-images/$container.log" 2>&1 || true
    podman rm -f -t 10 "$container" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

ready_url() {
  if [ "$1" = gateway ]; then echo "http://127.0.0.1:$gateway_port/health/ready"; else echo "http://127.0.0.1:$((base + 81 + $2))/health/ready"; fi
}

# One at a time, each ready before the next starts: five JVMs starting at once on two cores time each other out.
for i in "${!services[@]}"; do
  service=${services[$i]}
  container="$cluster-$service"
  containers+=("$container")
  # --read-only: the image must run with nothing writable but the tmpfs podman puts on /tmp.
  podman run -d --name "$container" --network host --read-only \
    -e REFLEX_CLUSTER_NAME="$cluster" \
    -e REFLEX_CLUSTER_HOST=127.0.0.1 \
    -e REFLEX_CLUSTER_PORT=$((base + 1 + i)) \
    -e REFLEX_CLUSTER_MEMBERS="$members" \
    -e REFLEX_CLUSTER_EVENTBUSHOST=127.0.0.1 \
    -e REFLEX_CLUSTER_EVENTBUSPORT=$((base + 11 + i)) \
    -e REFLEX_OPS_PORT=$((base + 81 + i)) \
    -e REFLEX_GATEWAY_HTTP_PORT=$gateway_port \
    "localhost/reflex/$service:$tag" >/dev/null
  url=$(ready_url "$service" "$i")
  for attempt in $(seq 1 300); do
    if curl -fs -o /dev/null "$url"; then
      echo "containers: $service ready after $attempt s"
      break
    fi
    if [ "$attempt" = 300 ] || [ "$(podman inspect -f '{{.State.Running}}' "$container")" != true ]; then
      echo "containers: $service not ready at $url" >&2
      podman logs "$container" 2>&1 | tail -40 >&2
      exit 1
    fi
    sleep 1
  done
done
ready=$(date +%s)
echo "containers: cluster of five ready $((ready - built)) s after the images were built"

java .ci/SmokeClient.java "$gateway_port"
finished=$(date +%s)
echo "containers: images $((built - started)) s, cluster ready $((ready - built)) s, events through $((finished - ready)) s," \
  "stage $((finished - started)) s"
