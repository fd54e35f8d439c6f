# shellcheck shell=bash
# A Docker engine for the tests that build and run the image and the compose stack
# (tests/delivery/test_docker_*.py). Sourced by scripts/test.
#
# fxrates_docker_engine_start: uses the engine that DOCKER_HOST or the default socket reaches.
# When none answers and this runs as root, it installs Debian's docker.io (and debootstrap, for
# the offline stand-in images) with fxrates_apt_install of scripts/lib/test-tools.sh and starts
# a private dockerd whose state lives in one temporary folder: its own socket, data root, exec
# root and pid file, so it never touches a system engine. overlay2 first (fast); vfs when the kernel or file system refuses overlay.
# --bridge none: no default docker0 bridge, which a second private engine (another worktree's
# test run) would fight over; the tests use their own networks, and ports are published on
# 127.0.0.1 only. Exports DOCKER_HOST for the tests.
# fxrates_docker_engine_stop: removes what the tests left in that engine (containers,
# networks and their bridges), stops it and deletes its folder. A no-op when no private
# engine was started. scripts/test calls it from an EXIT trap.

FXRATES_DOCKERD_DIR=""
FXRATES_DOCKERD_PID=""

fxrates_docker_answers() {
  command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1
}

fxrates_docker_engine_start() {
  if fxrates_docker_answers; then
    echo "test: using the Docker engine at ${DOCKER_HOST:-the default socket}" >&2
    return 0
  fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test: no Docker engine answers (${DOCKER_HOST:-default socket}) and this is not root with apt-get:" \
      "the Docker tests will skip (and fail under CI=true); start Docker or set DOCKER_HOST" >&2
    return 0
  fi
  local missing=()
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    missing+=(docker.io)
  fi
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  if ((${#missing[@]})); then
    fxrates_apt_install "${missing[@]}"   # scripts/lib/test-tools.sh
  fi
  FXRATES_DOCKERD_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fxrates-dockerd.XXXXXX")
  local driver
  for driver in overlay2 vfs; do
    if fxrates_dockerd_try "$driver"; then
      export DOCKER_HOST="unix://$FXRATES_DOCKERD_DIR/docker.sock"
      echo "test: started a private Docker engine ($driver) at $DOCKER_HOST" >&2
      return 0
    fi
  done
  echo "test: could not start a private Docker engine; its last log lines:" >&2
  tail -n 20 "$FXRATES_DOCKERD_DIR/dockerd.log" >&2 || true
  rm -rf "$FXRATES_DOCKERD_DIR"
  FXRATES_DOCKERD_DIR=""
  return 0
}

# fxrates_dockerd_try DRIVER: starts dockerd with that storage driver in a fresh data root and
# waits up to 60 s for it to answer; on failure stops it again.
fxrates_dockerd_try() {
  local driver=$1 dir=$FXRATES_DOCKERD_DIR i
  rm -rf "$dir/root" "$dir/exec"
  dockerd --data-root "$dir/root" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
    --host "unix://$dir/docker.sock" --storage-driver "$driver" --bridge none \
    >>"$dir/dockerd.log" 2>&1 </dev/null &
  FXRATES_DOCKERD_PID=$!
  for ((i = 0; i < 60; i++)); do
    if DOCKER_HOST="unix://$dir/docker.sock" timeout 10 docker info >/dev/null 2>&1; then
      # overlay2 can start and still fail at the first mount: prove it with one layer.
      mkdir -p "$dir/probe"
      printf 'FROM scratch\nCOPY probe /probe\n' >"$dir/probe/Dockerfile"
      : >"$dir/probe/probe"
      if DOCKER_HOST="unix://$dir/docker.sock" DOCKER_BUILDKIT=0 timeout 60 \
          docker build -q -t fxrates-engine-probe "$dir/probe" >/dev/null 2>>"$dir/dockerd.log" \
        && DOCKER_HOST="unix://$dir/docker.sock" docker image rm fxrates-engine-probe >/dev/null 2>&1; then
        rm -rf "$dir/probe"
        return 0
      fi
      break
    fi
    kill -0 "$FXRATES_DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  echo "test: dockerd with --storage-driver $driver did not work" >&2
  fxrates_dockerd_kill
  return 1
}

fxrates_dockerd_kill() {
  [[ -n $FXRATES_DOCKERD_PID ]] || return 0
  kill -TERM "$FXRATES_DOCKERD_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 30; i++)); do
    kill -0 "$FXRATES_DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  kill -KILL "$FXRATES_DOCKERD_PID" 2>/dev/null || true
  wait "$FXRATES_DOCKERD_PID" 2>/dev/null || true
  FXRATES_DOCKERD_PID=""
}

fxrates_docker_engine_stop() {
  [[ -n $FXRATES_DOCKERD_DIR ]] || return 0
  local dir=$FXRATES_DOCKERD_DIR ids
  # Containers and user-defined networks first: a network's bridge stays on the host when its
  # engine stops without removing it.
  ids=$(docker ps -aq 2>/dev/null || true)
  if [[ -n $ids ]]; then
    # shellcheck disable=SC2086  # one id per word
    docker rm -f $ids >/dev/null 2>&1 || true
  fi
  docker network prune -f >/dev/null 2>&1 || true
  fxrates_dockerd_kill
  # Remove the folder only when nothing is mounted below it any more.
  if ! grep -q " $dir/" /proc/mounts 2>/dev/null; then
    rm -rf "$dir"
  else
    echo "test: $dir still has mounts; left in place" >&2
  fi
  FXRATES_DOCKERD_DIR=""
  echo "test: stopped the private Docker engine" >&2
}
