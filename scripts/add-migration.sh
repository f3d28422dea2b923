#!/usr/bin/env bash
# Adds one migration to both providers, so the SQLite and PostgreSQL schemas never drift apart.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh Name}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/DanVan.Migrations.$provider" --startup-project "src/DanVan.Migrations.$provider" --output-dir Migrations
done
# The CLI's model generated ahead of time follows the model.
scripts/optimize-model.sh
