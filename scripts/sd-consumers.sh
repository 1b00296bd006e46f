#!/usr/bin/env bash
# The service discovery consumers the end-to-end specs run beside Debian's prometheus package,
# built from the Go module proxy with `go install` and cached in .cache/go/ (git-ignored):
# the build cache, the module cache and one binary per version.
#
#   scripts/sd-consumers.sh build     build what is missing (minutes the first time, then nothing)
#   scripts/sd-consumers.sh env       build what is missing, then print PROMETHEUS3_BIN=… and
#                                     VMAGENT_BIN=… for `eval` (what npm test does)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Prometheus 3 tags its Go module v0.3MM.P for release 3.MM.P. remove_all_sd leaves out the
# optional discovery plugins (one of them depends on a module the proxy may not serve); the
# HTTP SD, which is what we test, is always built in.
PROMETHEUS3_MODULE=github.com/prometheus/prometheus
PROMETHEUS3_VERSION=v0.316.0
VMAGENT_MODULE=github.com/VictoriaMetrics/VictoriaMetrics
VMAGENT_VERSION=v1.150.0

CACHE="$ROOT/.cache/go"
export GOCACHE="$CACHE/build" GOMODCACHE="$CACHE/mod" GOFLAGS=-buildvcs=false CGO_ENABLED=0

log() { echo "[sd-consumers] $*" >&2; }

# go_build NAME MODULE VERSION PACKAGE LDFLAGS [go flags...]: the binary's path, built if missing.
go_build() {
  local name=$1 module=$2 version=$3 package=$4 ldflags=$5
  shift 5
  local bin="$CACHE/bin/$name-$version"
  if [ ! -x "$bin" ]; then
    command -v go >/dev/null || {
      log "Go is required to build $name (go install $module/$package@$version)"
      exit 1
    }
    log "building $name $version from the Go module proxy (minutes the first time)"
    local t0=$SECONDS staging="$CACHE/bin/.staging-$name"
    rm -rf "$staging"
    mkdir -p "$staging"
    GOBIN="$staging" go install -trimpath -ldflags "-s -w $ldflags" "$@" "$module/$package@$version"
    mv "$staging/$(basename "$package")" "$bin"
    rm -rf "$staging"
    log "$name $version built in $((SECONDS - t0))s"
  fi
  echo "$bin"
}

# The release number Prometheus reports (/api/v1/status/buildinfo) is the VERSION file of its module.
prometheus3() {
  local dir
  dir="$(go mod download -json "$PROMETHEUS3_MODULE@$PROMETHEUS3_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  go_build prometheus "$PROMETHEUS3_MODULE" "$PROMETHEUS3_VERSION" cmd/prometheus \
    "-X github.com/prometheus/common/version.Version=$(cat "$dir/VERSION")" -tags remove_all_sd
}

vmagent() {
  go_build vmagent "$VMAGENT_MODULE" "$VMAGENT_VERSION" app/vmagent \
    "-X $VMAGENT_MODULE/lib/buildinfo.Version=vmagent-$VMAGENT_VERSION"
}

cached_or_built() {
  local bin="$CACHE/bin/$1-$2"
  if [ -x "$bin" ]; then echo "$bin"; else "$3"; fi
}

case "${1:-}" in
  build | env)
    prometheus3_bin="$(cached_or_built prometheus "$PROMETHEUS3_VERSION" prometheus3)"
    vmagent_bin="$(cached_or_built vmagent "$VMAGENT_VERSION" vmagent)"
    if [ "$1" = env ]; then
      echo "PROMETHEUS3_BIN=$prometheus3_bin"
      echo "VMAGENT_BIN=$vmagent_bin"
    fi
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
