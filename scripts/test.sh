#!/usr/bin/env bash
# npm test: installs what is missing, starts a Kafka broker for the run, runs the unit specs and
# the end-to-end specs against it, and stops everything it started.
#   scripts/test.sh --e2e-only [jest args]   only the end-to-end specs (CI runs them again
#                                            against the other Kafka line, KAFKA_VERSION=4.4.0)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

e2e_only=false
if [ "${1:-}" = --e2e-only ]; then
  e2e_only=true
  shift
fi

started=$SECONDS
ensure_node_modules
ensure_kafka
ensure_prometheus
ensure_chromium
step=$SECONDS
ensure_sd_consumers
echo "[test] Prometheus 3 and vmagent ready in $((SECONDS - step))s" >&2
ensure_build

if [ "$e2e_only" = false ]; then
  echo "[test] typecheck and lint" >&2
  npx tsc --noEmit -p tsconfig.json
  npm run -s lint

  step=$SECONDS
  echo "[test] unit specs" >&2
  npx jest --config jest.config.js "$@"
  echo "[test] unit specs: $((SECONDS - step))s" >&2
fi

KAFKA_TEST_PORT="$("$ROOT/scripts/kafka.sh" free-port)"
export KAFKA_RUN_DIR="$ROOT/.kafka/test"
trap '"$ROOT/scripts/kafka.sh" reset "$KAFKA_TEST_PORT"' EXIT
broker_started=$SECONDS
"$ROOT/scripts/kafka.sh" start "$KAFKA_TEST_PORT" >/dev/null
echo "[test] broker cold start: $((SECONDS - broker_started))s" >&2

step=$SECONDS
echo "[test] end-to-end specs against Kafka ${KAFKA_VERSION:-3.9.1} on 127.0.0.1:$KAFKA_TEST_PORT" >&2
# --forceExit: a Kafka client a failed spec left running must not hold CI open after the verdict.
KAFKA_BROKERS="127.0.0.1:$KAFKA_TEST_PORT" npx jest --config test/jest-e2e.config.js --runInBand --forceExit "$@"
echo "[test] end-to-end specs: $((SECONDS - step))s" >&2
echo "[test] whole run: $((SECONDS - started))s" >&2
