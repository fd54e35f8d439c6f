#!/usr/bin/env bash
# Entrypoint of the offline postgres stand-in (postgres.Dockerfile). It keeps the part of the
# official image's docker-entrypoint.sh that the project relies on:
#   - runs as root only to own PGDATA, then drops to the postgres user;
#   - on an empty PGDATA: initdb with POSTGRES_USER (default postgres) and POSTGRES_PASSWORD
#     (required unless POSTGRES_HOST_AUTH_METHOD=trust), local connections trusted, network
#     connections by POSTGRES_HOST_AUTH_METHOD (default scram-sha-256), POSTGRES_INITDB_ARGS;
#     creates POSTGRES_DB (default: the user's name) and runs /docker-entrypoint-initdb.d/*.sql|*.sh
#     against a temporary server that listens on a private socket only, so that pg_isready (the
#     compose health check) says yes only once the real server is up;
#   - then execs the server in the foreground, listening on every address of the container.
set -euo pipefail

PGDATA=${PGDATA:-/var/lib/postgresql/data}
export PGDATA
if [[ "${1:-}" == -* ]]; then
  set -- postgres "$@"
fi

if [[ "${1:-}" == postgres && $(id -u) -eq 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

log() { printf 'docker-entrypoint: %s\n' "$*" >&2; }

init_database() {
  local user=${POSTGRES_USER:-postgres} auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  local db=${POSTGRES_DB:-${POSTGRES_USER:-postgres}} socket f
  if [[ -z "${POSTGRES_PASSWORD:-}" && "$auth" != trust ]]; then
    log "error: the database is uninitialized and POSTGRES_PASSWORD is not set (or POSTGRES_HOST_AUTH_METHOD=trust)"
    exit 1
  fi
  local pwargs=() pwfile
  pwfile=$(mktemp)
  if [[ -n "${POSTGRES_PASSWORD:-}" ]]; then
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    pwargs=(--pwfile="$pwfile")
  fi
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of options, as in the official image
  initdb --username="$user" "${pwargs[@]}" --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-} >&2
  rm -f "$pwfile"
  printf "\nlisten_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
  printf 'host all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  socket=$(mktemp -d)
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=$socket" start >&2
  if [[ "$db" != postgres ]]; then
    psql -v ON_ERROR_STOP=1 -h "$socket" -U "$user" -d postgres -v db="$db" <<<'CREATE DATABASE :"db";' >&2
  fi
  shopt -s nullglob
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) log "running $f"; psql -v ON_ERROR_STOP=1 -h "$socket" -U "$user" -d "$db" -f "$f" >&2 ;;
      *.sh) log "running $f"; PGHOST=$socket PGUSER=$user PGDATABASE=$db bash "$f" ;;
      *) log "ignoring $f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >&2
  rmdir "$socket"
  log "database $db initialized for user $user"
}

if [[ "${1:-}" == postgres && ! -s "$PGDATA/PG_VERSION" ]]; then
  init_database
fi
exec "$@"
