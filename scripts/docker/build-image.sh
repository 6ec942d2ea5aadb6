#!/usr/bin/env bash
# Builds the stack image (Dockerfile) with the fastest builder this machine has, without pulling.
#
#   scripts/docker/build-image.sh            # NODE_IMAGE unset: builds the local base image first
#   NODE_IMAGE=node:22-slim scripts/docker/build-image.sh   # where a registry is reachable
#
# Prints the image tag (STACK_IMAGE, default chatbot-tutor/stack:local). Needs DOCKER_HOST.
# Why not `docker-compose build`: Debian's docker-compose 1.29 uses the legacy builder, which
# under the vfs storage driver copies the whole file system for every step (minutes, not seconds).
# BuildKit comes from the buildx plugin or, without it, from a 20.10 client (Debian's docker.io).
set -euo pipefail
cd "$(dirname "$0")/../.."

TAG="${STACK_IMAGE:-chatbot-tutor/stack:local}"
log() { printf 'build-image.sh: %s\n' "$*" >&2; }

if [[ -z "${NODE_IMAGE:-}" ]]; then
  NODE_IMAGE="$(scripts/docker/base-image.sh)"
fi
[[ -d node_modules ]] || {
  log "node_modules is missing: run npm ci first (the image copies its runtime closure)"
  exit 1
}

client_major() { "$1" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1; }

builder=(docker build)
if docker buildx version >/dev/null 2>&1; then
  export DOCKER_BUILDKIT=1
elif [[ -x /usr/bin/docker ]] && (($(client_major /usr/bin/docker) < 23)); then
  # A 20.10 client carries BuildKit itself; newer clients need the buildx plugin.
  export DOCKER_BUILDKIT=1
  builder=(/usr/bin/docker build)
else
  log "no BuildKit client found; using the legacy builder (slow under vfs)"
  export DOCKER_BUILDKIT=0
fi

previous="$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
started=$SECONDS
# --network host: the engine here runs without a bridge (docs/platform-facts.md#docker-on-the-build-machines).
"${builder[@]}" --network host --build-arg "NODE_IMAGE=$NODE_IMAGE" -t "$TAG" . >&2
# A rebuild leaves the old image untagged (a full copy under vfs); drop it unless still in use.
if [[ -n "$previous" && "$previous" != "$(docker image inspect -f '{{.Id}}' "$TAG")" ]]; then
  docker rmi "$previous" >/dev/null 2>&1 || true
fi
size="$(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}')"
log "built $TAG on $NODE_IMAGE in $((SECONDS - started)) s ($size)"
printf '%s\n' "$TAG"
