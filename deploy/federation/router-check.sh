#!/usr/bin/env bash
# The federation check end to end: composes the four subgraph schemas with @apollo/composition, starts the suite
# with the local runner (fresh embedded PostgreSQL in a temporary directory), runs Hive Gateway over it and queries
# one customer's fields from all four subgraphs. Needs the services built (./mvnw -DskipTests package), Node 18+
# and npm, and the ports 8080-8084, 4000 and a free PostgreSQL port.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node compose.mjs

data="$(mktemp -d)"
log="$(mktemp)"
java -jar "$root/deploy/target/deploy-local-runner.jar" --root "$root" --data-dir "$data/pg" --pg-port 25432 >"$log" 2>&1 &
runner=$!
cleanup() { kill "$runner" 2>/dev/null || true; wait "$runner" 2>/dev/null || true; rm -rf "$data" "$log"; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  grep -q "^Running\." "$log" && break
  if ! kill -0 "$runner" 2>/dev/null; then cat "$log"; exit 1; fi
  sleep 0.5
done
grep -q "^Running\." "$log" || { cat "$log"; exit 1; }
KPI_TOKEN="$(cat "$root/.kpi-local/demo-token.txt")" node router-check.mjs
