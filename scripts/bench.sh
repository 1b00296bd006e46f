#!/usr/bin/env bash
# npm run bench: builds the registry and the benchmarks, installs the peer (prometheus-http-sd)
# into .tools/bench-venv, starts a Kafka broker of its own on a free port, runs bench/ and
# writes BENCHMARKS.md; stops everything it started. BENCH_PROFILE=quick for a short run
# (written to dist-bench/BENCHMARKS.quick.md), BENCH_ONLY=serving,ingest,propagation,cold-start,status-page
# to pick scenarios.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

PEER_PACKAGE="prometheus-http-sd==3.0.6"
VENV="$ROOT/.tools/bench-venv"

ensure_peer() {
  if [ -x "$VENV/bin/prometheus-http-sd" ]; then return 0; fi
  if ! command -v python3 >/dev/null; then
    echo "[bench] python3 not found: the peer comparison is skipped" >&2
    return 0
  fi
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "[bench] installing Debian's python3-venv" >&2
    apt_install python3-venv || true
  fi
  echo "[bench] installing $PEER_PACKAGE into .tools/bench-venv" >&2
  (python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --disable-pip-version-check "$PEER_PACKAGE") ||
    echo "[bench] could not install $PEER_PACKAGE: the peer comparison is skipped" >&2
}

ensure_node_modules
ensure_kafka
ensure_chromium
ensure_build
ensure_peer

echo "[bench] compiling bench/ into dist-bench/" >&2
rm -rf "$ROOT/dist-bench"
npx tsc -p bench/tsconfig.json
# The measured processes run a copy of dist/, so a rebuild during the run cannot pull it away.
cp -r "$ROOT/dist" "$ROOT/dist-bench/app"

BENCH_KAFKA_PORT="$("$ROOT/scripts/kafka.sh" free-port)"
export KAFKA_RUN_DIR="$ROOT/.kafka/bench"
DELAY_KAFKA_PORT=""
stop_brokers() {
  "$ROOT/scripts/kafka.sh" stop "$BENCH_KAFKA_PORT"
  rm -rf "${KAFKA_RUN_DIR:?}/$BENCH_KAFKA_PORT"
  if [ -n "$DELAY_KAFKA_PORT" ]; then
    "$ROOT/scripts/kafka.sh" stop "$DELAY_KAFKA_PORT"
    rm -rf "${KAFKA_RUN_DIR:?}/$DELAY_KAFKA_PORT"
  fi
}
trap stop_brokers EXIT
"$ROOT/scripts/kafka.sh" start "$BENCH_KAFKA_PORT" >/dev/null
# Cold start is also measured against a broker with Kafka's default group.initial.rebalance.delay.ms.
if [ -z "${BENCH_ONLY:-}" ] || [[ ",$BENCH_ONLY," == *",cold-start,"* ]]; then
  DELAY_KAFKA_PORT="$("$ROOT/scripts/kafka.sh" free-port)"
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=3000 "$ROOT/scripts/kafka.sh" start "$DELAY_KAFKA_PORT" >/dev/null
  export BENCH_DELAY_BROKERS="127.0.0.1:$DELAY_KAFKA_PORT"
fi

if [ -x "$VENV/bin/prometheus-http-sd" ]; then export BENCH_PEER_BIN="$VENV/bin/prometheus-http-sd"; fi
BENCH_BROKER_PID="$(cat "$KAFKA_RUN_DIR/$BENCH_KAFKA_PORT/broker.pid")"
export BENCH_BROKER_PID
KAFKA_BROKERS="127.0.0.1:$BENCH_KAFKA_PORT" node "$ROOT/dist-bench/bench/main.js"
