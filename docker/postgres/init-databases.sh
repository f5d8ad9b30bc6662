#!/usr/bin/env bash
# Runs once, when PostgreSQL starts on an empty data volume (/docker-entrypoint-initdb.d of the
# official postgres image): creates one database per projection-service instance, named in
# PROJECTION_DATABASES (space-separated). The event store's database is POSTGRES_DB, which the
# image creates itself. Later changes to the list need a manual CREATE DATABASE (or an empty volume).
# No "set -u": the official entrypoint sources scripts that are not executable.
set -eo pipefail

for database in ${PROJECTION_DATABASES:-}; do
  echo "init-databases: creating database $database (views of one projection-service instance)"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --dbname postgres \
    --set db="$database" <<<'CREATE DATABASE :"db";'
done
