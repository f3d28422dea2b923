#!/usr/bin/env bash
# bench/search: full-text search over ~70,000 generated reports (~1 million sections) on SQLite and PostgreSQL.
# Usage: bench/search/run.sh [RUNS=3]. Generates the data once per engine into bench/search/data (danvan generate:
# 2 provinces, 2,800 communes + 120 other units, 25 monthly periods), then runs SearchBench: 30 typical queries through
# SearchService, warm, RUNS times each, and the same queries once each as a LIKE scan in the same run; p50/p95 per engine.
# PostgreSQL: DANVAN_BENCH_PG (an admin connection string) names a server; otherwise a throwaway one is started here.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
runs=${1:-3}
data=$here/data
mkdir -p "$data"
generate=(generate --provinces 2 --communes 2800 --departments 120 --periods 25 --seed 1 --json)

dotnet build "$root/src/DanVan.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$here/../SearchBench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
cli="dotnet $root/src/DanVan.Cli/bin/Release/net10.0/danvan.dll"
bench="dotnet $here/../SearchBench/bin/Release/net10.0/SearchBench.dll"

prepare() { # engine label: migrate and generate once
  if [ ! -f "$data/$1-generated.json" ]; then
    $cli db migrate >/dev/null
    local start; start=$(date +%s)
    $cli "${generate[@]}" >"$data/$1-generated.json.tmp"
    echo "$1: generated in $(( $(date +%s) - start )) s"
    mv "$data/$1-generated.json.tmp" "$data/$1-generated.json"
  fi
  grep -oE '"(reports|sections)": [0-9]+' "$data/$1-generated.json" | tr '\n' ' '; echo
}

echo "== SQLite (FTS5)"
(
  export Database__Provider=Sqlite ConnectionStrings__DanVan="Data Source=$data/search.db;Default Timeout=600"
  prepare sqlite
  $bench "$runs"
)

echo "== PostgreSQL (tsvector + GIN)"
admin=${DANVAN_BENCH_PG:-}
if [ -z "$admin" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  port=$((20000 + RANDOM % 40000))
  as_pg=(); [ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
  if [ ! -d "$data/pg" ]; then
    mkdir -p "$data/pg"; [ "$(id -u)" -eq 0 ] && chown postgres "$data/pg"
    "${as_pg[@]}" "$pg_bin/initdb" -D "$data/pg/cluster" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data/pg/cluster" -l "$data/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data/pg -c shared_buffers=512MB" start >/dev/null
  trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data/pg/cluster" -m fast stop >/dev/null' EXIT
  admin="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi
(
  # EF's migrate creates the searchbench database when it is missing.
  export Database__Provider=Postgres ConnectionStrings__DanVan="${admin/Database=postgres/Database=searchbench};Command Timeout=600"
  prepare pg
  $bench "$runs"
)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
