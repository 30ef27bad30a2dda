#!/usr/bin/env bash
# Starts a private PostgreSQL server on 127.0.0.1:55432 with a sitrep_test
# database (user sitrep / password sitrep). Idempotent.
set -euo pipefail
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PGDATA="${SITREP_PGDATA:-/tmp/sitrep-pg}"
PORT=55432
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    su postgres -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres" >/dev/null
fi
if ! su postgres -c "$PGBIN/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
    su postgres -c "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -w start" >/dev/null
fi
psql_() { su postgres -c "$PGBIN/psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"$1\""; }
[ "$(psql_ "SELECT 1 FROM pg_roles WHERE rolname='sitrep'")" = "1" ] || psql_ "CREATE ROLE sitrep LOGIN PASSWORD 'sitrep' SUPERUSER"
[ "$(psql_ "SELECT 1 FROM pg_database WHERE datname='sitrep_test'")" = "1" ] || psql_ "CREATE DATABASE sitrep_test OWNER sitrep"
echo "PostgreSQL ready on 127.0.0.1:$PORT"
