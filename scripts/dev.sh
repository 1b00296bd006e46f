#!/usr/bin/env bash
# npm run dev: installs what is missing, starts a local Kafka broker on 127.0.0.1:9092 unless
# KAFKA_BROKERS is set, and runs the registry on :4000 (PORT) until Ctrl-C, which stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

ensure_node_modules
ensure_build

if [ -z "${KAFKA_BROKERS:-}" ] && [ -z "${KAFKA_BROKER:-}" ]; then
  ensure_kafka
  KAFKA_DEV_PORT="${KAFKA_PORT:-9092}"
  trap '"$ROOT/scripts/kafka.sh" stop "$KAFKA_DEV_PORT"' EXIT
  "$ROOT/scripts/kafka.sh" start "$KAFKA_DEV_PORT" >/dev/null
  export KAFKA_BROKERS="127.0.0.1:$KAFKA_DEV_PORT"
fi

echo "[dev] registry on http://localhost:${PORT:-4000} (Kafka: $KAFKA_BROKERS); Ctrl-C stops it" >&2
node dist/start.js &
app=$!
trap 'kill -TERM $app 2>/dev/null || true' INT TERM
wait $app || true
wait $app 2>/dev/null || true
