#!/usr/bin/env bash
# Entrypoint of the local PostgreSQL substitute: the subset of the official postgres image's
# docker-entrypoint.sh this project relies on, with the same interface and the same log lines.
#   POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required unless
#   POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_DB (default: POSTGRES_USER), POSTGRES_INITDB_ARGS,
#   POSTGRES_HOST_AUTH_METHOD (default scram-sha-256), PGDATA, /docker-entrypoint-initdb.d/*.sh|*.sql
# On first start (empty PGDATA) it runs initdb, starts a temporary server on the Unix socket only,
# creates POSTGRES_DB, runs the init scripts, stops the server; then it execs the command
# ("postgres" plus any "-c name=value" arguments). Like the official image, the server says
# "database system is ready to accept connections" twice on a first start.
set -Eeo pipefail

if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = 'postgres' ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  POSTGRES_USER="${POSTGRES_USER:-postgres}"
  POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
  auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != 'trust' ]; then
    echo >&2 'Error: Database is uninitialized and superuser password is not specified.'
    echo >&2 '       Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust, never in production).'
    exit 1
  fi

  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") \
    --auth-local=trust --auth-host="$auth" ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA"
  {
    echo
    echo "listen_addresses = '*'"
  } >> "$PGDATA/postgresql.conf"
  {
    echo
    echo "host all all all $auth"
  } >> "$PGDATA/pg_hba.conf"

  # A temporary server that only listens on the Unix socket, with the command's own settings.
  shift
  options=''
  if [ "$#" -gt 0 ]; then
    options="$(printf '%q ' "$@")"
  fi
  pg_ctl -D "$PGDATA" -o "$options -c listen_addresses='' -p 5432" -w start
  set -- postgres "$@"

  psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [ "$POSTGRES_DB" != 'postgres' ]; then
    "${psql[@]}" --dbname postgres --set db="$POSTGRES_DB" <<<'CREATE DATABASE :"db";'
  fi
  export POSTGRES_USER POSTGRES_DB PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:-}}"
  shopt -s nullglob
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          echo "$0: running $f"; "$f"
        else
          echo "$0: sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) echo "$0: running $f"; "${psql[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *) echo "$0: ignoring $f" ;;
    esac
  done
  unset PGPASSWORD

  pg_ctl -D "$PGDATA" -m fast -w stop
  echo
  echo 'PostgreSQL init process complete; ready for start up.'
  echo
fi

exec "$@"
