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
    echo "[setup] installing npm packages" >&2
    # npm ci refuses a lock file without the other platforms' optional native packages, which a
    # registry mirror may not serve; npm install --no-save then installs the same locked versions.
    (cd "$ROOT" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
      npm install --no-save --no-audit --no-fund --loglevel=error; })
  fi
}

ensure_kafka() {
  "$ROOT/scripts/kafka.sh" fetch
}

ensure_prometheus() {
  if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
    echo "[setup] installing Debian's prometheus package" >&2
    apt_install --no-install-recommends prometheus
    # The package's service is not wanted (the tests start their own Prometheus on free ports):
    # stop it through its own service manager, never by process name, which would hit those too.
    if [ -d /run/systemd/system ]; then
      as_root systemctl disable --now prometheus >/dev/null 2>&1 || true
    else
      as_root service prometheus stop >/dev/null 2>&1 || true
    fi
  fi
}

# Prometheus 3 and vmagent, the SD consumers the e2e specs run beside Debian's Prometheus: built
# from their Go modules the first time (scripts/sd-consumers.sh), then found in .cache/go/.
ensure_sd_consumers() {
  local found
  found="$("$ROOT/scripts/sd-consumers.sh" env)"
  PROMETHEUS3_BIN="$(sed -n 's/^PROMETHEUS3_BIN=//p' <<<"$found")"
  VMAGENT_BIN="$(sed -n 's/^VMAGENT_BIN=//p' <<<"$found")"
  export PROMETHEUS3_BIN VMAGENT_BIN
}

ensure_chromium() {
  # The status page's browser spec drives Debian's chromium through playwright-core, which never
  # downloads a browser of its own.
  if [ ! -x /usr/bin/chromium ]; then
    echo "[setup] installing Debian's chromium" >&2
    apt_install --no-install-recommends chromium
  fi
}

ensure_build() {
  # nest build, then the one-file bundle and its code cache that dist/start.js runs.
  (cd "$ROOT" && npm run -s build >/dev/null)
}
