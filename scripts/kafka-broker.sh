#!/usr/bin/env bash
# A single-node Kafka broker (KRaft) on 127.0.0.1 for trying durable mode and for benchmarks, from the jars the build
# gathers in kafka-broker/target/lib (Maven Central; no download of a Kafka distribution, no Docker).
#   scripts/kafka-broker.sh start [PORT]   # default 9092; data and log in build-images/kafka-broker/
#   scripts/kafka-broker.sh stop
# Then: ./reflex standalone --kafka 127.0.0.1:9092 --durable
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/build-images/kafka-broker"
lib="$PWD/kafka-broker/target/lib"
command="${1:-}"
port="${2:-9092}"
controller=$((port + 1))

case "$command" in
  start)
    if [ ! -d "$lib" ]; then
      mvn -B -q -pl kafka-broker generate-resources
    fi
    mkdir -p "$dir"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "kafka-broker: already running (pid $(cat "$dir/pid"))"; exit 0
    fi
    cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
    if [ ! -f "$dir/data/meta.properties" ]; then
      id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
      java -cp "$lib/*" kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" --standalone > "$dir/format.log"
    fi
    nohup java -Xms256m -Xmx512m -cp "$lib/*" kafka.Kafka "$dir/server.properties" > "$dir/broker.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 120); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "kafka-broker: listening on 127.0.0.1:$port (pid $(cat "$dir/pid"), log $dir/broker.log)"; exit 0
      fi
      sleep 1
    done
    echo "kafka-broker: not listening after 120 s; see $dir/broker.log" >&2; exit 1
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      kill "$(cat "$dir/pid")" 2>/dev/null || true
      rm -f "$dir/pid"
    fi
    ;;
  *)
    echo "usage: scripts/kafka-broker.sh start [PORT] | stop" >&2; exit 2
    ;;
esac
