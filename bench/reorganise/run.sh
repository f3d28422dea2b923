#!/usr/bin/env bash
# bench/reorganise: the national commune arrangement's size applied in one batch — 10,000 predecessor communes merged
# into 3,321 successors (about three each) and their 700 districts dissolved, one CSV of 4,021 rows — with
# `danvan units reorganise` on SQLite. Usage: bench/reorganise/run.sh [RUNS=3].
# Builds the pre-2025 tree once (63 provinces, 700 districts, 10,000 communes, itself loaded with `units reorganise`),
# then copies that database afresh for each run and times the whole process. Target: < 60 s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
root=$(cd ../.. && pwd)
runs=${1:-3}
data=$here/data
mkdir -p "$data"

dotnet publish "$root/src/DanVan.Cli" -c Release -o "$here/bin/cli" -nologo -v q -clp:ErrorsOnly >/dev/null
cli="dotnet $here/bin/cli/danvan.dll"
export Database__Provider=Sqlite

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

# The tree before 1/7/2025: province p, its districts, the communes spread over them, all since 2020.
awk 'BEGIN {
  print "Mã,Tên,Loại,Trực thuộc,Ngày hiệu lực,Đơn vị tiền thân,Căn cứ pháp lý"
  basis = "\"Quyết định số 1/QĐ-BNV ngày 01/01/2020\""
  for (p = 1; p <= 63; p++) printf "T%02d,Ủy ban nhân dân tỉnh %02d,tỉnh,,01/01/2020,,%s\n", p, p, basis
  for (h = 1; h <= 700; h++) printf "H%03d,Ủy ban nhân dân huyện %03d,huyện,T%02d,01/01/2020,,%s\n", h, h, (h - 1) % 63 + 1, basis
  for (x = 1; x <= 10000; x++) printf "X%05d,Ủy ban nhân dân xã %05d,xã,H%03d,01/01/2020,,%s\n", x, x, (x - 1) % 700 + 1, basis
}' >"$data/before.csv"

# The arrangement: successor s takes the communes x with (x - 1) % 3321 == s - 1 (three, or four for the first 16),
# under the province of its first predecessor's district; then every district is dissolved.
awk 'BEGIN {
  print "Mã,Tên,Loại,Trực thuộc,Ngày hiệu lực,Đơn vị tiền thân,Căn cứ pháp lý,Giải thể"
  basis = "\"Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/6/2025\""
  for (s = 1; s <= 3321; s++) {
    list = ""
    for (x = s; x <= 10000; x += 3321) list = list (list == "" ? "" : "; ") sprintf("X%05d", x)
    printf "N%04d,Ủy ban nhân dân xã mới %04d,xã,T%02d,01/07/2025,%s,%s,\n", s, s, ((s - 1) % 700) % 63 + 1, list, basis
  }
  for (h = 1; h <= 700; h++) printf "H%03d,,,,01/07/2025,,%s,x\n", h, basis
}' >"$data/arrangement.csv"

if [ ! -f "$data/before.db" ]; then
  rm -f "$data/build.db"
  export ConnectionStrings__DanVan="Data Source=$data/build.db"
  $cli db migrate >/dev/null
  start=$(now)
  $cli units reorganise "$data/before.csv"
  echo "   the tree before (10,763 units created in one batch): $(awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}') s"
  mv "$data/build.db" "$data/before.db"
fi

echo "== $(grep -c '^N' "$data/arrangement.csv") successors from $(grep -o 'X[0-9]*' "$data/arrangement.csv" | wc -l) predecessors, $(grep -c '^H' "$data/arrangement.csv") districts dissolved; load average $(cut -d' ' -f1-3 /proc/loadavg)"
walls=()
for i in $(seq 1 "$runs"); do
  cp "$data/before.db" "$data/run.db"
  export ConnectionStrings__DanVan="Data Source=$data/run.db"
  start=$(now)
  $cli units reorganise "$data/arrangement.csv" >"$data/out.txt"
  wall=$(awk -v a="$start" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}')
  walls+=("$wall")
  echo "   run $i: $wall s — $(cat "$data/out.txt")"
done
echo "== units reorganise (whole process, SQLite): median $(printf '%s\n' "${walls[@]}" | median) s of $runs; target < 60 s"
ConnectionStrings__DanVan="Data Source=$data/run.db" $cli units list --on 2025-07-01 --json | grep -c '"code"' | xargs -I{} echo "   units on 2025-07-01: {} (63 provinces + 3,321 communes)"
