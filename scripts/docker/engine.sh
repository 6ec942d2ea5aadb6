#!/usr/bin/env bash
# A private Docker engine in a scratch folder, for machines with no system engine and no bridge.
#
#   scripts/docker/engine.sh start   # starts it (or reuses a running one); prints `export ...` lines
#   scripts/docker/engine.sh env     # prints the same lines for a running engine
#   scripts/docker/engine.sh stop    # stops it by the PID it recorded; safe to call twice
#
# Use: eval "$(scripts/docker/engine.sh start)"
#
# Why these flags (docs/platform-facts.md#docker-on-the-build-machines):
# --iptables=false/--ip6tables=false/--bridge=none leave the machine's network settings untouched (so
# containers must use host networking). The storage driver is overlay2 where the kernel has OverlayFS and
# the scratch folder's file system can back it (a container then shares the image's layers), else vfs,
# which works anywhere but copies the whole image for every container and every build step;
# CHATBOT_DOCKER_STORAGE_DRIVER=vfs|overlay2 forces one. Each driver keeps its own data folder, since an
# engine cannot read images stored by another driver.
# Everything the engine writes stays under $CHATBOT_DOCKER_DIR. Needs root and Debian's docker.io (dockerd,
# containerd, runc).
set -euo pipefail

DIR="${CHATBOT_DOCKER_DIR:-/tmp/chatbot-docker}"
# Unix socket paths are limited to ~108 bytes (containerd's live under the exec root): keep DIR short.
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
START_TIMEOUT_S="${CHATBOT_DOCKER_START_TIMEOUT:-60}"
STOP_TIMEOUT_S=30

log() { printf 'engine.sh: %s\n' "$*" >&2; }

print_env() {
  printf 'export DOCKER_HOST=unix://%s\n' "$SOCK"
  printf 'export DOCKERD_PID=%s\n' "$(cat "$PIDFILE")"
  # testcontainers 11 against this engine (docs/platform-facts.md): no Ryuk container (it would need a
  # pull), and mapped ports are reached on loopback because containers share the host network.
  printf 'export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1\n'
  printf 'export TESTCONTAINERS_RYUK_DISABLED=true\n'
}

running_pid() {
  [[ -s "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled PID: it must still be a dockerd.
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "dockerd" ]] || return 1
  printf '%s' "$pid"
}

responds() { docker -H "unix://$SOCK" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# The drivers to try, best first: overlay2 only where the kernel knows OverlayFS (modules may load it).
storage_drivers() {
  if [[ -n "${CHATBOT_DOCKER_STORAGE_DRIVER:-}" ]]; then
    printf '%s\n' "$CHATBOT_DOCKER_STORAGE_DRIVER"
    return
  fi
  if grep -qw overlay /proc/filesystems 2>/dev/null || modprobe overlay 2>/dev/null; then
    printf 'overlay2\n'
  fi
  printf 'vfs\n'
}

# Starts dockerd with one storage driver and waits until it answers; returns 1 if it exits first.
launch() {
  local driver="$1"
  # vfs keeps the folder it always used, so an engine's earlier images are found again.
  local data="$DIR/data"
  [[ "$driver" == vfs ]] || data="$DIR/data-$driver"
  mkdir -p "$data" "$DIR/exec"
  rm -f "$PIDFILE" "$SOCK"
  # setsid: the engine outlives this script and its terminal; stop() ends it by PID.
  setsid dockerd \
    --iptables=false --ip6tables=false --bridge=none --storage-driver="$driver" \
    --data-root "$data" --exec-root "$DIR/exec" --pidfile "$PIDFILE" \
    -H "unix://$SOCK" >"$LOG" 2>&1 </dev/null &
  local launched=$!
  local waited=0
  until responds; do
    if ! kill -0 "$launched" 2>/dev/null; then
      log "dockerd exited during start with the $driver storage driver; last log lines:"
      tail -n 20 "$LOG" >&2
      return 1
    fi
    if ((waited >= START_TIMEOUT_S * 2)); then
      log "dockerd did not answer within ${START_TIMEOUT_S}s; stopping it (log: $LOG)"
      kill "$launched" 2>/dev/null || true
      exit 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  log "engine started (pid $(cat "$PIDFILE"), storage driver $driver, socket $SOCK, log $LOG)"
}

start() {
  if running_pid >/dev/null && responds; then
    log "engine already running (pid $(cat "$PIDFILE"))"
    print_env
    return 0
  fi
  command -v dockerd >/dev/null || {
    log "dockerd not found: apt-get install -y docker.io docker-compose"
    exit 1
  }
  [[ "$(id -u)" == "0" ]] || {
    log "dockerd needs root"
    exit 1
  }
  local driver
  for driver in $(storage_drivers); do
    if launch "$driver"; then
      print_env
      return 0
    fi
  done
  log "dockerd did not start with any storage driver ($(storage_drivers | paste -sd, -))"
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    log "no engine running from $DIR"
    rm -f "$PIDFILE"
    return 0
  fi
  # SIGTERM lets dockerd stop its containers and its managed containerd cleanly.
  kill -TERM "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < STOP_TIMEOUT_S * 2)); do
    sleep 0.5
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "dockerd (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT_S}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  log "engine stopped (pid $pid)"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
env)
  if running_pid >/dev/null; then print_env; else
    log "no engine running from $DIR; run: $0 start"
    exit 1
  fi
  ;;
*)
  echo "usage: $0 start|stop|env" >&2
  exit 2
  ;;
esac
