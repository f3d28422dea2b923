#!/usr/bin/env bash
# bench/consolidate: the consolidated report of one province for one period, at full size (3,321 communes + 600 other
# units) and at 1/4 and 1/16 of it, to show how it grows. Usage: bench/consolidate/run.sh [RUNS=5] [SCALES="1 4 16"].
# Generates each province once into its own SQLite database (bench/consolidate/data/1-N/, kept for later runs), then:
# (1) `danvan consolidate --out x.docx` once, cold, under /usr/bin/time (wall time and peak RSS of the whole process);
# (2) ConsolidateBench: ConsolidationService.ConsolidateAsync and the .docx export, warm, RUNS times each, medians.
# Targets (full size, 2 cores): consolidation < 5 s, peak memory < 1 GB, .docx export < 2 s.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
runs=${1:-5}
scales=${2:-"1 4 16"}

dotnet build "$root/src/DanVan.Cli" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$here/../ConsolidateBench" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
cli="dotnet $root/src/DanVan.Cli/bin/Release/net10.0/danvan.dll"
period=2025-12

for scale in $scales; do
  communes=$(( (3321 + scale / 2) / scale )); departments=$(( (600 + scale / 2) / scale ))
  data=$here/data/1-$scale
  export Database__Provider=Sqlite ConnectionStrings__DanVan="Data Source=$data/bench.db"
  if [ ! -f "$data/generated.json" ]; then
    rm -rf "$data"; mkdir -p "$data"
    $cli db migrate >/dev/null
    $cli generate --provinces 1 --communes "$communes" --departments "$departments" --periods 1 --seed 1 --json >"$data/generated.json.tmp"
    mv "$data/generated.json.tmp" "$data/generated.json"
  fi
  echo "== 1/$scale: $communes communes + $departments other units, period $period"
  /usr/bin/time -f "cold CLI (danvan consolidate --out .docx, whole process): %e s wall, %M KB peak RSS" \
    $cli consolidate --unit G1-P01 --period $period --overwrite --out "$data/tonghop.docx"
  dotnet "$here/../ConsolidateBench/bin/Release/net10.0/ConsolidateBench.dll" G1-P01 $period "$runs"
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
