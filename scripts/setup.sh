#!/usr/bin/env bash
# Installs what the project needs and a fresh machine lacks. Sourced by dev.sh and test.sh;
# each step does nothing when its tool is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "[setup] need root to run: $*" >&2
    return 1
  fi
}

apt_install() {
  # apt-get update once per run of the script, and only when a package is missing.
  if [ -z "${APT_UPDATED:-}" ]; then
    as_root apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_node_modules() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
    echo "[setup] installing npm packages (npm ci)" >&2
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_kafka() {
  "$ROOT/scripts/kafka.sh" fetch
}

ensure_prometheus() {
  if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    echo "[setup] installing Debian's prometheus package" >&2
    apt_install prometheus
    # The package's service is not wanted: the tests start their own Prometheus.
    as_root pkill -x prometheus 2>/dev/null || true
  fi
}

ensure_build() {
  (cd "$ROOT" && npx nest build >/dev/null)
}
