#!/usr/bin/env bash
# bench/import: DanVan's importer vs mammoth vs the floor, on the same ≥1,000 pandoc-made reports.
# Usage: bench/import/run.sh [N=1000] [RUNS=3]. Prints each run, the medians and the ratios, single-threaded and on
# every core; peak memory and process CPU from GNU time. XmlReader over word/document.xml, reading the text and doing
# nothing with it, runs too as a reference: what a streaming XML reader alone costs against the floor.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
n=${1:-1000}
runs=${2:-3}
corpus=$here/corpus-$n
need=()
command -v pandoc >/dev/null || need+=(pandoc)
[ -x /usr/bin/time ] || need+=(time)
command -v bc >/dev/null || need+=(bc)
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
echo "corpus: $(ls "$corpus"/*.docx | wc -l) files, $(du -shL "$corpus" | cut -f1)"
# Read once so that no reader's first run pays for a cold file cache.
cat "$corpus"/*.docx > /dev/null

measure() { # name command...
  local name=$1; shift
  for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%M %U %S" -o "$here/.rss" "$@" | tee -a "$here/.runs-$name"
    read -r rss user sys < "$here/.rss"
    echo "  peak RSS $(( rss / 1024 )) MB, process CPU $(printf '%.2f' "$(echo "$user + $sys" | bc)") s" | tee -a "$here/.runs-$name"
  done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rate() { grep -o '= [0-9.]* files/s' ".runs-$1" | awk '{print $2}' | median; }

# Single-threaded first (what one file costs), then --parallel: the files spread over all $(nproc) cores in one
# process, as `danvan import` does; the floor is measured both ways. mammoth is one node process (single-threaded).
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f .runs-*
measure floor $bench floor "$corpus"
measure floor-parallel $bench floor "$corpus" --parallel
measure xmlreader $bench xmlreader "$corpus"
measure danvan $bench danvan "$corpus"
measure danvan-parallel $bench danvan "$corpus" --parallel
measure mammoth node mammoth.js "$corpus"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "medians of $runs runs (files/s, peak RSS MB, process CPU s):"
for name in floor floor-parallel xmlreader danvan danvan-parallel mammoth; do
  rss=$(grep -o 'peak RSS [0-9]*' ".runs-$name" | awk '{print $3}' | median)
  cpu=$(grep -o 'process CPU [0-9.]*' ".runs-$name" | awk '{print $3}' | median)
  printf '  %-16s %9s files/s  %5s MB  %5s s\n' "$name" "$(rate "$name")" "$rss" "$cpu"
done
ratio() { printf '%.1f' "$(echo "scale=3; $1 / $2" | bc)"; }
echo
echo "ratios (targets: at least 10x mammoth's files/s, at most 4x slower than the floor):"
threads=$(nproc)
printf '  %-44s %6sx mammoth\n' "danvan vs mammoth, 1 thread each:" "$(ratio "$(rate danvan)" "$(rate mammoth)")"
printf '  %-44s %6sx mammoth\n' "danvan on $threads threads vs mammoth on 1:" "$(ratio "$(rate danvan-parallel)" "$(rate mammoth)")"
printf '  %-44s %6sx slower than the floor\n' "danvan vs floor, 1 thread each:" "$(ratio "$(rate floor)" "$(rate danvan)")"
printf '  %-44s %6sx slower than the floor\n' "danvan vs floor, $threads threads each:" "$(ratio "$(rate floor-parallel)" "$(rate danvan-parallel)")"
echo "reference (XmlReader reading every text node of word/document.xml, nothing done with it):"
printf '  %-44s %6sx slower than the floor\n' "XmlReader alone vs floor, 1 thread each:" "$(ratio "$(rate floor)" "$(rate xmlreader)")"
printf '  %-44s %6sx slower than XmlReader alone\n' "danvan vs XmlReader alone, 1 thread each:" "$(ratio "$(rate xmlreader)" "$(rate danvan)")"
rm -f .runs-* .rss
