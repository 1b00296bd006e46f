#!/usr/bin/env bash
# Runs COMMAND in a mounted image the way a container runtime runs its entrypoint, without one:
# ROOTFS read-only with a tmpfs /tmp and the host's /dev, a PID namespace of its own (COMMAND is
# its PID 1), as UID:GID in WORKDIR, on the host's network. Killing this process kills all inside.
# Used by test/image/ (npm run test:image); needs root.
#
#   scripts/container-run.sh ROOTFS WORKDIR UID:GID COMMAND [ARG...]
set -euo pipefail

# The mounts below are made in a private mount namespace, so they vanish with the process.
if [ "${1:-}" != --in-namespace ]; then
  exec unshare --mount --propagation private -- "$0" --in-namespace "$@"
fi
root="$2" workdir="$3" user="$4"
shift 4
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount -t tmpfs -o mode=1777,size=64m tmpfs "$root/tmp"
mount --rbind /dev "$root/dev"
exec unshare --pid --fork --kill-child --mount-proc --root "$root" --wd "$workdir" \
  --setgid "${user#*:}" --setuid "${user%%:*}" "$@"
