#!/usr/bin/env bash
# Builds a Node base image WITHOUT pulling anything: a root filesystem holding this machine's own
# Node runtime (one binary plus the shared libraries `ldd` names), imported with `docker import`.
#
#   scripts/docker/base-image.sh [TAG]     # default tag: chatbot-tutor/node-base:local
#   docker build --build-arg NODE_IMAGE=chatbot-tutor/node-base:local .
#
# Why: these machines have no container registry (docs/platform-facts.md#docker-on-the-build-machines), so
# `node:22-slim` cannot be pulled. The image mirrors what the Dockerfile relies on in node:22-slim: `node` on
# PATH at /usr/local/bin/node, a non-root user `node` (uid/gid 1000) with a home, and a writable /tmp. It has
# no shell: the Dockerfile and the compose healthchecks use exec form only. Needs DOCKER_HOST pointing at an
# engine (see engine.sh) and NODE_BIN (default: `command -v node`).
set -euo pipefail

TAG="${1:-chatbot-tutor/node-base:local}"
NODE_BIN="$(readlink -f "${NODE_BIN:-$(command -v node)}")"
ROOT="$(mktemp -d "${TMPDIR:-/tmp}/node-base-rootfs.XXXXXX")"
trap 'rm -rf "$ROOT"' EXIT

log() { printf 'base-image.sh: %s\n' "$*" >&2; }

# Idempotent: an image with this tag built from the same Node version is reused (FORCE=1 rebuilds).
version="$("$NODE_BIN" --version)"
if [[ "${FORCE:-0}" != "1" ]] &&
  docker image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$TAG" 2>/dev/null |
  grep -qx "NODE_VERSION=${version#v}"; then
  log "$TAG already holds node $version (FORCE=1 to rebuild)"
  printf '%s\n' "$TAG"
  exit 0
fi

# mktemp makes the folder 0700, and it becomes the image's "/": open it up for the non-root user.
chmod 755 "$ROOT"
mkdir -p "$ROOT/usr/local/bin" "$ROOT/etc/ssl/certs" "$ROOT/home/node" "$ROOT/tmp"
cp "$NODE_BIN" "$ROOT/usr/local/bin/node"

# Shared libraries and the dynamic loader, at the paths the binary asks for. cp -L: on merged-/usr
# Debian /lib is a symlink, and the image needs the files themselves.
ldd "$NODE_BIN" | awk '/=> \//{print $3} $1 ~ /^\// {print $1}' | while read -r lib; do
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done

# The rest of glibc (librt, libresolv, libnss_*, ...): native addons in node_modules (rollup's, for
# the playground's Vite) link against them, and node:22-slim has them all. ~4 MB.
if command -v dpkg >/dev/null 2>&1; then
  dpkg -L libc6 | grep -E '^/(usr/)?lib/[^/]+-linux-gnu/[^/]+\.so' | while read -r lib; do
    [[ -e "$ROOT$lib" ]] && continue
    mkdir -p "$ROOT$(dirname "$lib")"
    cp -L "$lib" "$ROOT$lib"
  done
fi

# CA bundle: not needed offline, but node's fetch expects it when a real endpoint is configured.
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
  cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/"
fi

cat >"$ROOT/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
node:x:1000:1000:node:/home/node:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
cat >"$ROOT/etc/group" <<'GROUP'
root:x:0:
node:x:1000:
nogroup:x:65534:
GROUP
chmod 1777 "$ROOT/tmp"
chown 1000:1000 "$ROOT/home/node"

log "importing $NODE_BIN ($version) with $(find "$ROOT" -type f | wc -l) files as $TAG"
previous="$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
tar -C "$ROOT" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=${version#v}" \
  --change 'CMD ["node"]' \
  --message "node $version from the build machine (scripts/docker/base-image.sh)" \
  - "$TAG" >/dev/null
docker run --rm --network host --user node "$TAG" node -e 'process.stdout.write(process.version)' >/dev/null
# A rebuild leaves the old image untagged; drop it unless something still uses it.
if [[ -n "$previous" && "$previous" != "$(docker image inspect -f '{{.Id}}' "$TAG")" ]]; then
  docker rmi "$previous" >/dev/null 2>&1 || true
fi
log "built $TAG ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}'))"
printf '%s\n' "$TAG"
