#!/usr/bin/env bash
# bench/import: DanVan's importer vs mammoth vs the floor, on the same ≥1,000 pandoc-made reports.
# Usage: bench/import/run.sh [N=1000] [RUNS=3]. Prints each run and the medians; peak memory from GNU time.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
n=${1:-1000}
runs=${2:-3}
corpus=$here/corpus-$n
need=()
command -v pandoc >/dev/null || need+=(pandoc)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
[ -d node_modules/mammoth ] || npm install --silent --no-audit --no-fund >/dev/null

# Published, like the danvan CLI ships: ReadyToRun-precompiled (PublishReadyToRun in both project files).
dotnet publish ../ImportBench -c Release -o ../ImportBench/bin/publish -nologo -v q -clp:ErrorsOnly >/dev/null
bench="dotnet ../ImportBench/bin/publish/ImportBench.dll"

if [ "$(ls "$corpus"/*.docx 2>/dev/null | wc -l)" -lt "$n" ]; then
  echo "generating $n reports with pandoc into $corpus"
  rm -rf "$corpus"; mkdir -p "$corpus"
  $bench corpus "$corpus" "$n"
  ls "$corpus"/*.md | xargs -P "$(nproc)" -I{} sh -c 'pandoc "$1" -o "${1%.md}.docx"' _ {}
  rm "$corpus"/*.md
fi
echo "corpus: $(ls "$corpus"/*.docx | wc -l) files, $(du -sh "$corpus" | cut -f1)"

measure() { # name command...
  local name=$1; shift
  for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%M" -o "$here/.rss" "$@" | tee -a "$here/.runs-$name"
    echo "  peak RSS $(( $(cat "$here/.rss") / 1024 )) MB" | tee -a "$here/.runs-$name"
  done
}
rm -f .runs-*
measure floor $bench floor "$corpus"
measure danvan $bench danvan "$corpus"
measure mammoth node mammoth.js "$corpus"

echo
echo "medians of $runs runs (files/s, peak RSS MB):"
for name in floor danvan mammoth; do
  rate=$(grep -o '= [0-9.]* files/s' ".runs-$name" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rss=$(grep -o 'peak RSS [0-9]*' ".runs-$name" | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '  %-8s %8s files/s  %5s MB\n' "$name" "$rate" "$rss"
done
rm -f .runs-* .rss
