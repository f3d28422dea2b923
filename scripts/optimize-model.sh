#!/usr/bin/env bash
# Generates each engine's EF model ahead of time (src/DanVan.Migrations.<Engine>/CompiledModel), which the CLI loads
# instead of building the model at its first query. Run it after every model change: scripts/add-migration.sh does,
# and CompiledModelTests fails when the generated model no longer matches the code.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  rm -rf "src/DanVan.Migrations.$provider/CompiledModel"
  dotnet ef dbcontext optimize --project "src/DanVan.Migrations.$provider" --startup-project "src/DanVan.Migrations.$provider" \
    --output-dir CompiledModel --namespace "DanVan.Migrations.$provider.CompiledModel"
done
