#!/usr/bin/env bash
# One run of the change-data-capture benchmark (BENCHMARKS.md, "Change data capture"): a throwaway PostgreSQL
# cluster (Debian's server binaries, wal_level=logical, loopback), `./reflex standalone` with a postgres-cdc source on
# one table, one bulk INSERT of ROWS rows (one transaction), then: changes/s from the commit to the last event
# ingestion accepted (the source's ingested counter on /metrics, polled every 50 ms), and the commit-to-accept
# latency p50/p99 the source measured per event. Usage: scripts/cdc-bench.sh [ROWS]   (default 100000)
set -euo pipefail
rows="${1:-100000}"
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
dir="$(mktemp -d /tmp/reflex-cdc-bench.XXXXXX)"
chmod 700 "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
pg_port=$((20000 + RANDOM % 5000))
http_port=$((25000 + RANDOM % 5000))
mesh=""
cleanup() {
  [ -n "$mesh" ] && kill "$mesh" 2>/dev/null && wait "$mesh" 2>/dev/null || true
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U reflex --auth=trust >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 \
  -c wal_level=logical" start >/dev/null
psql=(psql -h 127.0.0.1 -p "$pg_port" -U reflex -v ON_ERROR_STOP=1 -q)
"${psql[@]}" -d postgres -c "CREATE DATABASE shop"
"${psql[@]}" -d shop -c "CREATE TABLE orders (id integer PRIMARY KEY, customer text, item text, amount numeric(10,2))" \
  -c "CREATE PUBLICATION reflex_bench FOR TABLE orders"
cat > "$dir/reflex.yaml" <<YAML
gateway: {http: {port: $http_port}}
ingestion:
  sources:
    - {name: bench-db, kind: postgres-cdc, port: $pg_port, database: shop, user: reflex, slot: reflex_bench,
       publication: reflex_bench, tables: [public.orders], dataDir: "$dir/offsets"}
YAML
"$here/reflex" standalone --config "$dir/reflex.yaml" >"$dir/reflex.log" 2>&1 &
mesh=$!
until curl -sf "http://127.0.0.1:$http_port/health/ready" >/dev/null; do
  kill -0 "$mesh" 2>/dev/null || { cat "$dir/reflex.log" >&2; exit 1; }
  sleep 0.5
done
metric() {
  curl -s "http://127.0.0.1:$http_port/metrics" | awk -v name="$1" -v want="$2" \
    'index($0, name "{") == 1 && index($0, want) { value = $NF } END { print value + 0 }'
}
started=$(date +%s%N)
"${psql[@]}" -d shop -c "INSERT INTO orders SELECT g, 'c' || (g % 1000), 'i' || (g % 500), g % 900
  FROM generate_series(1, $rows) g"
committed=$(date +%s%N)
while [ "$(metric reflex_source_records_total 'result="ingested"')" -lt "$rows" ] 2>/dev/null; do
  sleep 0.05
done
done_at=$(date +%s%N)
p50=$(metric reflex_source_cdc_commit_to_accept_seconds 'quantile="0.5"')
p99=$(metric reflex_source_cdc_commit_to_accept_seconds 'quantile="0.99"')
awk -v rows="$rows" -v ins="$((committed - started))" -v drain="$((done_at - committed))" -v p50="$p50" -v p99="$p99" \
  'BEGIN { printf "rows %d; insert statement %.2f s; commit to last event accepted %.2f s: %.0f changes/s; " \
    "commit-to-accept p50 %.0f ms, p99 %.0f ms\n", rows, ins / 1e9, drain / 1e9, rows / (drain / 1e9), \
    p50 * 1000, p99 * 1000 }'
