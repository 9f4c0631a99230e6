#!/usr/bin/env bash
# The real test environment for ocatopic's integration tests, as one wrapper:
#
#   scripts/test-env.sh mvn -B verify
#
# On a fresh Debian 12 machine, as root, idempotently:
#   1. installs the system packages the tests need (skipped when all are present);
#   2. writes a private containers.conf (runc, ulimits) used through CONTAINERS_CONF (nothing in /etc);
#   3. starts a docker-registry (distribution 2.8) on a free 127.0.0.1 port;
#   4. starts podman's Docker API on a private unix socket with private --root/--runroot, with a
#      private registries.conf (CONTAINERS_REGISTRIES_CONF) that lets it push to that registry over HTTP;
#   5. makes the local base images the tests build on (no public registry is reachable), cached in the
#      state directory between runs: a busybox image (sh, mkdir, cp) and a debootstrap bookworm builder
#      with gcc, make, kmod and the headers of every kernel in OCATOPIC_TEST_KERNELS;
#   6. exports what the tests read, runs the command, and stops everything it started on exit.
# Nothing outside the state directory is changed except installed packages.
#
# State directory: $OCATOPIC_STATE_DIR, default ~/.cache/ocatopic/test-env (kept between runs as a cache;
# per-run files live under its run/ folder and are removed on exit).
set -euo pipefail

log() { printf 'test-env: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ $# -gt 0 ] || die "usage: scripts/test-env.sh COMMAND [ARGS...]"

REPO=$(cd "$(dirname "$0")/.." && pwd)
STATE=${OCATOPIC_STATE_DIR:-${HOME:-/root}/.cache/ocatopic/test-env}
KERNELS=${OCATOPIC_TEST_KERNELS:-"6.1.0-54-amd64 6.1.0-56-amd64"}
SUITE=bookworm
SIGN_FILE=/usr/lib/linux-kbuild-6.1/scripts/sign-file

PACKAGES=(podman runc uidmap fuse-overlayfs slirp4netns catatonit containernetworking-plugins docker-registry skopeo curl ca-certificates
  linux-headers-amd64 linux-kbuild-6.1 kmod debootstrap gcc make libc6-dev busybox-static
  softhsm2 opensc libengine-pkcs11-openssl openssl xz-utils zstd gzip iproute2 chromium)

# ---------------------------------------------------------------- 1. packages
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "packages missing (${missing[*]}) and not root: install them first"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  # with Recommends, as verified: podman needs slirp4netns, catatonit and the CNI plugins they bring
  apt-get install -y -q "${missing[@]}" >&2
fi

# ---------------------------------------------------------------- 2. state and containers.conf
mkdir -p "$STATE"
RUN="$STATE/run/$$"
mkdir -p "$RUN"
CONF="$STATE/containers.conf"
cat > "$CONF.tmp" <<CONFEOF
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
CONFEOF
mv "$CONF.tmp" "$CONF"
export CONTAINERS_CONF="$CONF"
# runroot must stay the same between runs: podman records it in its database
PODMAN=(podman --root "$STATE/podman-root" --runroot "$STATE/podman-runroot")

PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  "${PODMAN[@]}" ps -aq 2>/dev/null | xargs -r "${PODMAN[@]}" rm -f >/dev/null 2>&1 || true
  mountpoint -q "$STATE/builder-rootfs/proc" 2>/dev/null && umount "$STATE/builder-rootfs/proc" || true
  rm -rf "$RUN"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || shuf -i 20000-60000 -n 1
}

wait_for() { # wait_for DESCRIPTION SECONDS COMMAND...
  local what=$1 secs=$2; shift 2
  for _ in $(seq $((secs * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  for f in "$RUN"/*.log; do [ -f "$f" ] && { log "$f:"; tail -5 "$f" >&2; }; done
  die "$what did not come up within ${secs}s"
}

# ---------------------------------------------------------------- 3. docker-registry
REG_PORT=$(free_port)
mkdir -p "$RUN/registry"
cat > "$RUN/registry.yml" <<REGEOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $RUN/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REG_PORT
REGEOF
docker-registry serve "$RUN/registry.yml" > "$RUN/registry.log" 2>&1 &
PIDS+=($!)
wait_for "docker-registry" 30 curl -sf "http://127.0.0.1:$REG_PORT/v2/"
export OCATOPIC_TEST_REGISTRY="127.0.0.1:$REG_PORT"

# ---------------------------------------------------------------- 4. podman Docker API (trusts the test registry over plain HTTP)
SOCK="$RUN/podman.sock"
cat > "$RUN/registries.conf" <<RCEOF
unqualified-search-registries = []

[[registry]]
location = "$OCATOPIC_TEST_REGISTRY"
insecure = true
RCEOF
export CONTAINERS_REGISTRIES_CONF="$RUN/registries.conf"
"${PODMAN[@]}" system service --time=0 "unix://$SOCK" > "$RUN/podman.log" 2>&1 &
PIDS+=($!)
wait_for "podman API" 30 curl -sf --unix-socket "$SOCK" http://d/_ping
export DOCKER_HOST="unix://$SOCK"

# ---------------------------------------------------------------- 5. local base images (cached)
BASE_IMAGE=localhost/ocatopic/busybox:1
if ! "${PODMAN[@]}" image exists "$BASE_IMAGE"; then
  log "making $BASE_IMAGE from busybox-static"
  rootfs="$RUN/busybox-rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/opt"
  cp /bin/busybox "$rootfs/bin/busybox"
  for a in sh mkdir cp ls cat rm ln mv find; do ln -sf busybox "$rootfs/bin/$a"; done
  tar -C "$rootfs" -c . | "${PODMAN[@]}" import - "$BASE_IMAGE" >/dev/null
fi
export OCATOPIC_BASE_IMAGE="$BASE_IMAGE"

apt_mirror() { # the Debian mirror this machine's apt uses for $SUITE, never written into the repo
  local m
  m=$(awk '/^URIs:/{u=$2} /^Suites:/{for(i=2;i<=NF;i++) if($i=="'$SUITE'") {print u; exit}}' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  [ -n "$m" ] || m=$(awk '$1=="deb" && $3=="'$SUITE'" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
  [ -n "$m" ] || die "no apt source for $SUITE found in /etc/apt"
  echo "$m"
}

kernels_tag=$(echo "$KERNELS" | tr ' ' '\n' | sort | tr '\n' ' ' | sha256sum | cut -c1-12)
BUILDER_IMAGE="localhost/ocatopic/kbuild-$SUITE:$kernels_tag"
if ! "${PODMAN[@]}" image exists "$BUILDER_IMAGE"; then
  [ "$(id -u)" = 0 ] || die "building $BUILDER_IMAGE needs root (debootstrap, chroot)"
  log "making $BUILDER_IMAGE: debootstrap $SUITE + linux-headers for $KERNELS (about 2 minutes, cached afterwards)"
  dir="$STATE/builder-rootfs"
  rm -rf "$dir"
  debootstrap --variant=minbase --include=gcc,make,libc6-dev,kmod "$SUITE" "$dir" "$(apt_mirror)" > "$RUN/debootstrap.log" 2>&1 \
    || { tail -20 "$RUN/debootstrap.log" >&2; die "debootstrap failed"; }
  rm -f "$dir"/etc/apt/sources.list
  cp -a /etc/apt/sources.list.d/. "$dir/etc/apt/sources.list.d/" 2>/dev/null || true
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$dir/etc/apt/sources.list"
  rm -f "$dir"/etc/apt/sources.list.d/*.disabled* 2>/dev/null || true
  mount -t proc proc "$dir/proc"
  headers=()
  for k in $KERNELS; do headers+=("linux-headers-$k"); done
  chroot "$dir" /bin/sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${headers[*]} && apt-get clean && rm -rf /var/lib/apt/lists/*" > "$RUN/headers.log" 2>&1 \
    || { umount "$dir/proc"; tail -20 "$RUN/headers.log" >&2; die "installing ${headers[*]} in the builder failed"; }
  umount "$dir/proc"
  tar -C "$dir" -c . | "${PODMAN[@]}" import - "$BUILDER_IMAGE" >/dev/null
  rm -rf "$dir"
fi
export OCATOPIC_BUILDER_IMAGE="$BUILDER_IMAGE" OCATOPIC_TEST_KERNELS="$KERNELS"

# ---------------------------------------------------------------- 6. run
export OCATOPIC_STATE_DIR="$STATE" OCATOPIC_TEST_ENV=1 OCATOPIC_SIGN_FILE="$SIGN_FILE"
log "ready: DOCKER_HOST=$DOCKER_HOST OCATOPIC_TEST_REGISTRY=$OCATOPIC_TEST_REGISTRY builder=$BUILDER_IMAGE"
cd "$REPO"
set +e
"$@"
rc=$?
set -e
exit $rc
